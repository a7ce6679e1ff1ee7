import { Router } from 'express';
import { z } from 'zod';
import { FlowError, FlowNotFoundError } from '../errors.js';
import { expandRecord } from '../engine/compact-record.js';
import type { Executor } from '../runtime/executor.js';
import type { FlowRuntime } from '../runtime/flow-runtime.js';
import { executionStatuses, unfinishedStatuses } from '../store/execution-summary.js';
import type { ExecutionStore } from '../store/types.js';
import { startAtFailedNode } from '../runtime/rerun-from-node.js';
import { ExecutionNotFoundError } from './execution-errors.js';
import { parseOptionalBody, parseQuery } from './request-input.js';

const listQuery = z.object({
  flowId: z.string().max(100).optional(),
  status: z.enum(executionStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});

const rerunBody = z.strictObject({
  from: z.enum(['start', 'failed-node'], { error: 'from must be "start" or "failed-node"' }).default('start'),
});


/**
 * `GET /api/executions` (filter by flowId and status, newest first, paginated), `/:id`, and
 * `POST /:id/rerun` (`{ from: 'start' | 'failed-node' }`): the flow's current version run again on
 * the recorded request, or from the node that failed with the input it had.
 */
export function executionsRouter(executions: ExecutionStore, executor: Executor, runtime: FlowRuntime): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    res.json(await executions.list(parseQuery(listQuery, req.query)));
  });

  router.get('/:id', async (req, res) => {
    const record = executor.inFlight(req.params.id) ?? (await executions.get(req.params.id));
    if (!record) throw new ExecutionNotFoundError(req.params.id);
    res.json(expandRecord(record));
  });

  router.post('/:id/rerun', async (req, res) => {
    const { from } = parseOptionalBody(rerunBody, req);
    const record = executor.inFlight(req.params.id) ?? (await executions.get(req.params.id));
    if (!record) throw new ExecutionNotFoundError(req.params.id);
    if (record.truncated) {
      throw new FlowError('EXECUTION_NOT_REPLAYABLE', `Execution "${record.id}" cannot be run again: its request was not recorded. ${record.truncated}`, 409);
    }
    const stored = await runtime.store.flows.get(record.flowId);
    if (!stored) throw new FlowNotFoundError(`with id "${record.flowId}" (the flow of execution "${record.id}")`);
    const compiled = runtime.compiledFor(stored);
    const execution =
      from === 'failed-node'
        ? executor.rerun(stored, compiled, record, startAtFailedNode(record, compiled))
        : executor.execute(stored, compiled, { ...expandRecord(record).request, params: {} }, { mode: 'api' });
    const { status } = await execution.outcome;
    res.status(201).json({ executionId: execution.id, status });
  });

  return router;
}

/**
 * `GET /webhook-result/:id`: what a caller whose response budget ran out polls. It shows only
 * the status and the result, never the recorded request or node data.
 */
export function webhookResultRouter(executions: ExecutionStore, executor: Executor): Router {
  const router = Router();
  router.get('/:id', async (req, res) => {
    const record = executor.inFlight(req.params.id) ?? (await executions.get(req.params.id));
    if (!record) throw new ExecutionNotFoundError(req.params.id);
    const { id, status, result, error } = expandRecord(record);
    res.status(unfinishedStatuses.includes(status) ? 202 : 200).json({ executionId: id, status, result, error });
  });
  return router;
}
