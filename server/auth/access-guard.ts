import type { Request, RequestHandler } from 'express';
import { hasRole, type AuthUser } from './auth-data.js';
import { findAccessRule } from './access-table.js';
import { CsrfError, ForbiddenError, UnauthenticatedError } from './auth-errors.js';
import type { AuthStore } from './auth-store.js';
import { sameSecret } from './secrets.js';
import { csrfTokenOf } from './sessions.js';
import { readSessionId } from './session-cookie.js';
import './request-user.js';

const safeMethods = new Set(['GET', 'HEAD']);

/**
 * Guards every `/api` request (mount it on `/api`, before any route): finds who calls — an API
 * token (`Authorization: Bearer hf_…`) or the session cookie, which for unsafe methods also needs
 * `x-csrf-token` and no foreign `Origin` — and refuses unless the access table lets that role
 * call this method and path. Sets `req.user` (and `req.sessionId` for cookie sessions).
 */
export function accessGuard(auth: AuthStore, publicUrl: string | undefined): RequestHandler {
  return (req, _res, next) => {
    const path = `${req.baseUrl}${req.path}`;
    const access = findAccessRule(req.method, path)?.access ?? 'owner';
    if (!safeMethods.has(req.method)) refuseForeignOrigin(req, publicUrl);
    if (access === 'public') return next();
    const user = identify(req, auth);
    if (!hasRole(user.role, access)) throw new ForbiddenError(access, req.method, path);
    req.user = user;
    next();
  };
}

function identify(req: Request, auth: AuthStore): AuthUser {
  const authorization = req.get('authorization');
  if (authorization !== undefined) {
    const [scheme, secret] = authorization.split(' ', 2);
    if (scheme?.toLowerCase() !== 'bearer' || !secret) throw new UnauthenticatedError('Send the API token as "Authorization: Bearer hf_…".');
    const user = auth.tokens.resolve(secret.trim());
    if (!user) throw new UnauthenticatedError('The API token is not valid: it was revoked, or it is mistyped. Create a new one with `hookflow token create` or in the editor.');
    return user;
  }
  const sessionId = readSessionId(req);
  const user = sessionId === undefined ? undefined : auth.sessions.resolve(sessionId);
  if (!sessionId || !user) throw new UnauthenticatedError(sessionId ? 'Your session has ended; sign in again.' : undefined);
  if (!safeMethods.has(req.method)) {
    const sent = req.get('x-csrf-token');
    if (!sent || !sameSecret(sent, csrfTokenOf(sessionId))) {
      throw new CsrfError('This change needs the header x-csrf-token with the token from GET /api/auth/session (the editor sends it); reload the page.');
    }
  }
  req.sessionId = sessionId;
  return user;
}

/**
 * A browser always names the page's origin on unsafe requests; one that is not this server's
 * (its Host, or the public URL) is another site's page using the visitor's cookie.
 */
function refuseForeignOrigin(req: Request, publicUrl: string | undefined): void {
  const origin = req.get('origin');
  if (origin === undefined) return;
  let host: string | undefined;
  try {
    host = new URL(origin).host;
  } catch {
    host = undefined;
  }
  const allowed = host !== undefined && (host === req.get('host') || (publicUrl !== undefined && origin === new URL(publicUrl).origin));
  if (!allowed) throw new CsrfError(`Requests from the page at ${origin.slice(0, 100)} are refused: only Hookflow's own editor may change things.`);
}
