import { Router } from 'express';
import { flowsUsingCredential } from '../credentials/credential-references.js';
import { CredentialInUseError } from '../credentials/errors.js';
import type { CredentialVault } from '../credentials/vault.js';
import { BadRequestError } from '../errors.js';
import type { FlowRuntime } from '../runtime/flow-runtime.js';
import { requireJsonBody } from './request-input.js';

/** The largest credential body accepted: values are at most 8 KiB each, a few per credential. */
const maxBodyBytes = 64 * 1024;

/**
 * `/api/credentials`: list, show, create, update and delete named credentials. Answers carry
 * only names, types, descriptions and the names of the fields that are set, never a value.
 * Deleting a credential that a stored flow names is refused (409 CREDENTIAL_IN_USE). Roles and
 * the audit log are applied around it (server/auth/access-table.ts, server/audit/audit-actions.ts).
 */
export function credentialsRouter(vault: CredentialVault, runtime: FlowRuntime): Router {
  const router = Router();

  router.use((req, _res, next) => {
    if (Number(req.get('content-length') ?? 0) > maxBodyBytes) throw new BadRequestError(`A credential body may be at most ${maxBodyBytes} bytes.`, 'PAYLOAD_TOO_LARGE', 413);
    next();
  });

  router.get('/', (_req, res) => {
    res.json({ credentials: vault.list() });
  });

  router.post('/', async (req, res) => {
    const info = await vault.create(requireJsonBody(req));
    res.status(201).setHeader('location', `/api/credentials/${encodeURIComponent(info.name)}`);
    res.json(info);
  });

  router.put('/:name', async (req, res) => {
    const info = await vault.update(req.params.name, requireJsonBody(req));
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
    res.status(204).end();
  });

  return router;
}
