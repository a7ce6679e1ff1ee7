import { Router, type Request, type Response } from 'express';
import type { AuditLog } from '../audit/audit-log.js';
import { FlowError } from '../errors.js';
import { loginBody, parseBody, passwordChangeBody, setupBody } from './account-schemas.js';
import type { AuthUser } from './auth-data.js';
import { InvalidLoginError, TooManyAttemptsError } from './auth-errors.js';
import type { AuthStore } from './auth-store.js';
import type { LoginThrottle } from './login-throttle.js';
import { csrfTokenOf } from './sessions.js';
import { isSecureRequest, setSessionCookie } from './session-cookie.js';
import './request-user.js';

export interface AuthRouteDeps {
  auth: AuthStore;
  audit: AuditLog;
  throttle: LoginThrottle;
  publicUrl: string | undefined;
}

/**
 * `/api/auth`: `GET status` (is setup needed), `POST setup` (first owner, with the one-time
 * token), `POST login`, `POST logout`, `GET session` (who am I, and the CSRF token), `POST password`.
 */
export function authRouter({ auth, audit, throttle, publicUrl }: AuthRouteDeps): Router {
  const router = Router();
  const ipOf = (req: Request) => req.ip ?? 'unknown';
  const signIn = async (req: Request, res: Response, user: AuthUser, status: number) => {
    const { sessionId, csrfToken } = await auth.sessions.start(user.id);
    setSessionCookie(res, sessionId, isSecureRequest(req, publicUrl));
    res.status(status).json({ user, csrfToken });
  };

  router.get('/status', (_req, res) => {
    res.json({ setupRequired: auth.users.count() === 0 });
  });

  router.post('/setup', async (req, res) => {
    const body = parseBody(setupBody, req);
    const user = await auth.users.completeSetup(body.token, body.username, body.password);
    audit.record({ actor: user.username, action: 'setup', target: user.id, ip: ipOf(req) });
    await signIn(req, res, user, 201);
  });

  router.post('/login', async (req, res) => {
    const { username, password } = parseBody(loginBody, req);
    withRetryAfter(res, () => throttle.check(username, ipOf(req)));
    const user = await auth.users.verify(username, password);
    if (!user) {
      throttle.fail(username, ipOf(req));
      audit.record({ actor: username, action: 'login.failed', ip: ipOf(req) });
      throw new InvalidLoginError();
    }
    throttle.succeed(username);
    audit.record({ actor: user.username, action: 'login', target: user.id, ip: ipOf(req) });
    await signIn(req, res, user, 200);
  });

  router.post('/logout', async (req, res) => {
    if (req.sessionId) await auth.sessions.end(req.sessionId);
    setSessionCookie(res, undefined, isSecureRequest(req, publicUrl));
    audit.record({ actor: req.user!.username, action: 'logout', target: req.user!.id, ip: ipOf(req) });
    res.status(204).end();
  });

  router.get('/session', (req, res) => {
    res.json({ user: req.user, csrfToken: req.sessionId ? csrfTokenOf(req.sessionId) : null });
  });

  router.post('/password', async (req, res) => {
    const { currentPassword, newPassword } = parseBody(passwordChangeBody, req);
    const user = req.user!;
    withRetryAfter(res, () => throttle.check(user.username, ipOf(req)));
    if (!(await auth.users.verify(user.username, currentPassword))) {
      throttle.fail(user.username, ipOf(req));
      throw new FlowError('WRONG_PASSWORD', 'The current password is wrong; nothing was changed.', 403);
    }
    await auth.users.update(user.id, { password: newPassword });
    await auth.sessions.endAllOf(user.id, req.sessionId);
    res.status(204).end();
  });

  return router;
}

/** Runs a throttle check, putting its wait in the Retry-After header when it refuses. */
function withRetryAfter(res: Response, check: () => void): void {
  try {
    check();
  } catch (error) {
    if (error instanceof TooManyAttemptsError) res.setHeader('retry-after', String(error.retryAfterSeconds));
    throw error;
  }
}
