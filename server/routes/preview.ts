import { Router } from 'express';
import type { Logger } from '../logger.js';
import { parseSampleInput } from '../runtime/flow-samples.js';
import type { FlowRuntime } from '../runtime/flow-runtime.js';
import { previewFlow } from '../runtime/preview-run.js';
import { requireJsonBody } from './json-body.js';

/** The longest a preview may run: the editor waits for it while the person types. */
const previewTimeoutMs = 5000;

/**
 * `POST /api/preview` with `{ flow, sample }`: runs the draft once in memory on the sample and
 * answers what every node did (see previewFlow). A draft that does not compile answers 422.
 */
export function previewRouter(runtime: FlowRuntime, executionTimeoutMs: number, logger: Logger): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    const { flow, sample } = requireJsonBody(req);
    const input = parseSampleInput(sample === undefined ? {} : sample, 'sample');
    res.json(await previewFlow(runtime, flow, input, { timeoutMs: Math.min(previewTimeoutMs, executionTimeoutMs), logger }));
  });
  return router;
}
