import { Router, type Request } from 'express';
import { flowsUsingCredential } from '../credentials/credential-references.js';
import { CredentialInUseError, CredentialNotFoundError } from '../credentials/errors.js';
import type { CredentialVault } from '../credentials/vault.js';
import { BadRequestError } from '../errors.js';
import type { FlowRuntime } from '../runtime/flow-runtime.js';
import { requireJsonBody } from './json-body.js';

/** The largest credential body accepted: values are at most 8 KiB each, a few per credential. */
const maxBodyBytes = 64 * 1024;

/** What the router reports to the audit log (the shape of `AuditLog.record`). */
export interface CredentialAudit {
  record(event: { actor: string; action: string; target?: string; ip?: string }): void;
}

/**
 * `/api/credentials`: list, show, create, update and delete named credentials. Answers carry
 * only names, types, descriptions and the names of the fields that are set, never a value.
 * Deleting a credential that a stored flow names is refused (409 CREDENTIAL_IN_USE).
 */
export function credentialsRouter(vault: CredentialVault, runtime: FlowRuntime, audit?: CredentialAudit): Router {
  const router = Router();
  const record = (req: Request, action: string, name: string) =>
    audit?.record({ actor: (req as { user?: { username?: string } }).user?.username ?? 'unknown', action, target: name, ...(req.ip ? { ip: req.ip } : {}) });

  router.use((req, _res, next) => {
    if (Number(req.get('content-length') ?? 0) > maxBodyBytes) throw new BadRequestError(`A credential body may be at most ${maxBodyBytes} bytes.`, 'PAYLOAD_TOO_LARGE', 413);
    next();
  });

  router.get('/', (_req, res) => {
    res.json({ credentials: vault.list() });
  });

  router.get('/:name', (req, res) => {
    const info = vault.info(req.params.name);
    if (!info) throw new CredentialNotFoundError(req.params.name);
    res.json(info);
  });

  router.post('/', async (req, res) => {
    const info = await vault.create(requireJsonBody(req));
    record(req, 'credential.create', info.name);
    res.status(201).setHeader('location', `/api/credentials/${encodeURIComponent(info.name)}`);
    res.json(info);
  });

  router.put('/:name', async (req, res) => {
    const info = await vault.update(req.params.name, requireJsonBody(req));
    record(req, 'credential.update', info.name);
    res.json(info);
  });

  router.delete('/:name', async (req, res) => {
    const { name } = req.params;
    // Inside a flow change, so no flow naming it can be saved between the check and the delete.
    await runtime.change(() =>
      vault.remove(name, async () => {
        const flows = await runtime.store.flows.list();
        const users = flowsUsingCredential(flows.map((stored) => stored.flow), runtime.registry, name);
        if (users.length > 0) throw new CredentialInUseError(name, users);
      }),
    );
    record(req, 'credential.delete', name);
    res.status(204).end();
  });

  return router;
}
