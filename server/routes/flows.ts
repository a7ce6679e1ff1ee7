import { Router, type Request } from 'express';
import { hasWebhook } from '../engine/webhook-path.js';
import { BadRequestError, FlowNotFoundError, NoWebhookError } from '../errors.js';
import type { FlowRuntime } from '../runtime/flow-runtime.js';
import { baseUrlOf, presentFlow, summariseFlow } from './flow-view.js';
import { requireJsonBody } from './request-input.js';

/**
 * `/api/flows`: list, get, create, update (optimistic: `If-Match: "<version>"` or
 * `?version=` — a stale version answers 409), delete, activate, deactivate, rotate token.
 */
export function flowsRouter(runtime: FlowRuntime, publicUrl: string | undefined): Router {
  const router = Router();
  const flows = runtime.store.flows;
  const base = (req: Request) => baseUrlOf(req, publicUrl);
  const load = async (id: string) => {
    const stored = await flows.get(id);
    if (!stored) throw new FlowNotFoundError(`with id "${id}"`);
    return stored;
  };

  router.get('/', async (req, res) => {
    const list = await flows.list();
    res.json({ items: list.map((stored) => summariseFlow(stored, base(req))) });
  });

  router.get('/:id', async (req, res) => {
    const stored = await load(req.params.id);
    res.setHeader('etag', `"${stored.version}"`);
    res.json(presentFlow(stored, base(req)));
  });

  router.post('/', async (req, res) => {
    const stored = await runtime.create(requireJsonBody(req));
    res.status(201).setHeader('location', `/api/flows/${stored.flow.id}`);
    res.json(presentFlow(stored, base(req)));
  });

  router.put('/:id', async (req, res) => {
    const document = requireJsonBody(req) as { id?: unknown };
    if (document.id !== undefined && document.id !== req.params.id) {
      throw new BadRequestError(`The flow's id "${String(document.id)}" does not match the URL's "${req.params.id}".`, 'ID_MISMATCH');
    }
    await load(req.params.id);
    const stored = await runtime.update({ ...document, id: req.params.id }, expectedVersion(req));
    res.setHeader('etag', `"${stored.version}"`);
    res.json(presentFlow(stored, base(req)));
  });

  router.delete('/:id', async (req, res) => {
    if (!(await runtime.remove(req.params.id))) throw new FlowNotFoundError(`with id "${req.params.id}"`);
    res.status(204).end();
  });

  for (const [action, active] of [['activate', true], ['deactivate', false]] as const) {
    router.post(`/:id/${action}`, async (req, res) => {
      const stored = await load(req.params.id);
      const updated = stored.flow.active === active ? stored : await runtime.update({ ...stored.flow, active }, stored.version);
      res.json(presentFlow(updated, base(req)));
    });
  }

  router.post('/:id/rotate-token', async (req, res) => {
    const stored = await load(req.params.id);
    if (!hasWebhook(stored.flow)) throw new NoWebhookError(stored.flow.id, 'rotate');
    res.json(presentFlow(await flows.rotateToken(req.params.id), base(req)));
  });

  return router;
}

/** The version a change was based on, from `If-Match: "3"` or `?version=3`; none means overwrite. */
function expectedVersion(req: Request): number | undefined {
  const raw = req.get('if-match')?.replace(/^W\//, '').replace(/"/g, '') ?? (req.query.version as string | undefined);
  if (raw === undefined || raw === '*') return undefined;
  const version = Number(raw);
  if (!Number.isInteger(version) || version < 1) {
    throw new BadRequestError(`The expected version "${raw}" is not a positive whole number.`, 'BAD_VERSION');
  }
  return version;
}
