import { Router } from 'express';
import { BadRequestError, FlowValidationError } from '../errors.js';
import type { Logger } from '../logger.js';
import { parseSampleInput } from '../runtime/flow-samples.js';
import type { FlowRuntime } from '../runtime/flow-runtime.js';
import { previewFlow } from '../runtime/preview-run.js';
import { requireJsonBody } from './request-input.js';

/** The longest a preview may run: the editor waits for it while the person types. */
const previewTimeoutMs = 5000;

/**
 * `POST /api/preview` with `{ flow, sample }`: runs the draft once in memory on the sample and
 * answers what every node did (see previewFlow). A draft that does not compile is a normal state
 * while someone edits, not a failed request: it answers 200 with `status: "invalid"` and every
 * problem, as saving would list them.
 */
export function previewRouter(runtime: FlowRuntime, executionTimeoutMs: number, logger: Logger): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    const { flow, sample } = requireJsonBody(req);
    if (flow === null || typeof flow !== 'object' || Array.isArray(flow)) {
      throw new BadRequestError('Send { "flow": <the flow document>, "sample": { … } }: "flow" must be a flow document.', 'BAD_PREVIEW');
    }
    const input = parseSampleInput(sample === undefined ? {} : sample, 'sample');
    try {
      res.json(await previewFlow(runtime, flow, input, { timeoutMs: Math.min(previewTimeoutMs, executionTimeoutMs), logger }));
    } catch (error) {
      if (!(error instanceof FlowValidationError)) throw error;
      res.json({ status: 'invalid', problems: error.problems, nodes: [] });
    }
  });
  return router;
}
