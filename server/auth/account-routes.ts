import { Router } from 'express';
import { newUserBody, parseBody, tokenBody, userChangeBody } from './account-schemas.js';
import type { AuthStore } from './auth-store.js';
import './request-user.js';

/** `/api/tokens`: the caller's own personal API tokens; a new token's secret is answered once. */
export function tokensRouter(auth: AuthStore): Router {
  const router = Router();
  router.get('/', (req, res) => {
    res.json({ tokens: auth.tokens.list(req.user!.id) });
  });
  router.post('/', async (req, res) => {
    const { name } = parseBody(tokenBody, req);
    res.status(201).json(await auth.tokens.create(req.user!.id, name));
  });
  router.delete('/:id', async (req, res) => {
    await auth.tokens.revoke(req.user!.id, req.params.id);
    res.status(204).end();
  });
  return router;
}

/** `/api/users` (owners only): list, create, change role or password, remove. */
export function usersRouter(auth: AuthStore): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    res.json({ users: auth.users.list() });
  });
  router.post('/', async (req, res) => {
    const user = await auth.users.create(parseBody(newUserBody, req));
    res.status(201).json({ user: auth.users.listing(user.id) });
  });
  router.patch('/:id', async (req, res) => {
    const change = parseBody(userChangeBody, req);
    const user = await auth.users.update(req.params.id, change);
    // A password set by an owner signs the user out everywhere (the old one may be known to someone else).
    if (change.password !== undefined) await auth.sessions.endAllOf(user.id, user.id === req.user!.id ? req.sessionId : undefined);
    res.json({ user: auth.users.listing(user.id) });
  });
  router.delete('/:id', async (req, res) => {
    await auth.removeUser(req.params.id);
    res.status(204).end();
  });
  return router;
}
