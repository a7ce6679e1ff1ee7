import { Router } from 'express';
import { z } from 'zod';
import { hasWebhook } from '../engine/webhook-path.js';
import { BadRequestError, FlowNotFoundError, NoWebhookError } from '../errors.js';
import { parseSampleInput, sampleTrigger, toFlowSample } from '../runtime/flow-samples.js';
import type { FlowRuntime } from '../runtime/flow-runtime.js';
import type { SampleCatcher } from '../runtime/sample-capture.js';
import { webhookPathOf } from './flow-view.js';
import { requireJsonBody } from './request-input.js';

const listenQuery = z.object({
  timeoutMs: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(1000, 'must be at least 1000')
    .max(120_000, 'must be at most 120000')
    .default(30_000),
});

/**
 * A flow's sample request, which the editor previews the flow with: `GET` (`null` before there is
 * one) and `PUT
 * /api/flows/:id/sample`, and `POST /api/flows/:id/listen`, which waits for the next call to the
 * flow's test URL and keeps it as the sample.
 */
export function samplesRouter(runtime: FlowRuntime, catcher: SampleCatcher): Router {
  const router = Router();
  const flows = runtime.store.flows;
  const load = async (id: string) => {
    const stored = await flows.get(id);
    if (!stored) throw new FlowNotFoundError(`with id "${id}"`);
    return stored;
  };

  router.get('/:id/sample', async (req, res) => {
    // No sample yet is an ordinary state of a flow, not a missing resource: `{ "sample": null }`.
    res.json({ sample: (await flows.getSample((await load(req.params.id)).flow.id)) ?? null });
  });

  router.put('/:id/sample', async (req, res) => {
    const stored = await load(req.params.id);
    const input = parseSampleInput(requireJsonBody(req));
    const sample = toFlowSample(sampleTrigger(runtime.compiledFor(stored), webhookPathOf(stored), input));
    res.json({ sample: await flows.saveSample(stored.flow.id, sample) });
  });

  router.post('/:id/listen', async (req, res) => {
    const query = listenQuery.safeParse(req.query);
    if (!query.success) {
      throw new BadRequestError(`Query parameter "timeoutMs" ${query.error.issues[0]!.message}.`, 'BAD_QUERY');
    }
    const stored = await load(req.params.id);
    if (!hasWebhook(stored.flow)) throw new NoWebhookError(stored.flow.id, 'listen on; set its sample by hand');
    const gone = new AbortController();
    res.once('close', () => gone.abort());
    const capture = await catcher.listen(stored.flow.id, query.data.timeoutMs, gone.signal);
    if (gone.signal.aborted) return;
    if (!capture) return void res.status(204).end();
    if ('error' in capture) throw capture.error;
    res.json({ sample: capture.sample });
  });

  return router;
}
