import { Router } from 'express';
import { z } from 'zod';
import { BadRequestError, FlowError } from '../errors.js';
import { expandRecord } from '../engine/compact-record.js';
import type { Executor } from '../runtime/executor.js';
import type { ExecutionStore } from '../store/types.js';

const listQuery = z.object({
  flowId: z.string().max(100).optional(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed', 'timeout']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});

class ExecutionNotFoundError extends FlowError {
  constructor(id: string) {
    super('EXECUTION_NOT_FOUND', `No execution with id "${id}" exists (it may have been pruned by the retention setting).`, 404);
  }
}

/** `GET /api/executions` (filter by flowId and status, newest first, paginated) and `/:id`. */
export function executionsRouter(executions: ExecutionStore, executor: Executor): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const query = listQuery.safeParse(req.query);
    if (!query.success) {
      const issue = query.error.issues[0]!;
      throw new BadRequestError(`Query parameter "${issue.path.join('.')}": ${issue.message}`, 'BAD_QUERY');
    }
    res.json(await executions.list(query.data));
  });

  router.get('/:id', async (req, res) => {
    const record = executor.inFlight(req.params.id) ?? (await executions.get(req.params.id));
    if (!record) throw new ExecutionNotFoundError(req.params.id);
    res.json(expandRecord(record));
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
    res.status(status === 'running' || status === 'queued' ? 202 : 200).json({ executionId: id, status, result, error });
  });
  return router;
}
