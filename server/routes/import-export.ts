import { Router, type Request } from 'express';
import { BadRequestError, FlowNotFoundError } from '../errors.js';
import { bundleFlows, importFlows } from '../runtime/flow-files.js';
import type { FlowRuntime } from '../runtime/flow-runtime.js';
import { baseUrlOf, summariseFlow } from './flow-view.js';

/**
 * `POST /api/import` (a flow file or bundle; `?replace=true` updates flows whose id exists),
 * `GET /api/flows/:id/export` (the flow file) and `GET /api/export` (a bundle of all flows).
 */
export function importExportRouter(runtime: FlowRuntime, publicUrl: string | undefined): Router {
  const router = Router();

  router.post('/import', async (req, res) => {
    if (!req.is('application/json')) {
      throw new BadRequestError('Send the flow file as JSON with the header Content-Type: application/json.', 'UNSUPPORTED_MEDIA_TYPE', 415);
    }
    const stored = await importFlows(runtime, req.body, { replace: isTrue(req, 'replace') });
    res.status(201).json({ imported: stored.map((flow) => summariseFlow(flow, baseUrlOf(req, publicUrl))) });
  });

  router.get('/flows/:id/export', async (req, res) => {
    const stored = await runtime.store.flows.get(req.params.id);
    if (!stored) throw new FlowNotFoundError(`with id "${req.params.id}"`);
    res.attachment(`${stored.flow.id}.flow.json`).json(stored.flow);
  });

  router.get('/export', async (_req, res) => {
    const flows = await runtime.store.flows.list();
    res.attachment('hookflow-flows.json').json(bundleFlows(flows.map((stored) => stored.flow)));
  });

  return router;
}

function isTrue(req: Request, name: string): boolean {
  const value = req.query[name];
  return value === 'true' || value === '1';
}
