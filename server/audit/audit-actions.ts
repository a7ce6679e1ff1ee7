import type { Request } from 'express';
import '../auth/request-user.js';

type Params = Record<string, string>;

interface AuditedRoute {
  action: string;
  /** What the action was on: a URL parameter, or a name (never a secret) from the body. */
  target(req: Request, params: Params): string | undefined;
  details?(req: Request): Record<string, unknown> | undefined;
}

const param = (name: string) => (_req: Request, params: Params) => params[name];
const bodyString = (req: Request, name: string) => {
  const value = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.slice(0, 200) : undefined;
};
const bodyField = (name: string) => (req: Request) => bodyString(req, name);
const none = () => undefined;
/** A user change says what changed: the new role, or that the password was set (never to what). */
const userChange = (req: Request) => {
  const role = bodyString(req, 'role');
  const password = bodyString(req, 'password') !== undefined;
  return role || password ? { ...(role ? { role } : {}), ...(password ? { password: 'changed' } : {}) } : undefined;
};

/**
 * The changes the audit middleware records, by access-table row (`METHOD path`). Sign-in,
 * sign-out, setup and failed sign-ins are recorded by the auth routes themselves.
 */
export const auditedRoutes: Record<string, AuditedRoute> = {
  'POST /api/flows': { action: 'flow.create', target: bodyField('id') },
  'PUT /api/flows/:id': { action: 'flow.update', target: param('id') },
  'DELETE /api/flows/:id': { action: 'flow.delete', target: param('id') },
  'POST /api/flows/:id/activate': { action: 'flow.activate', target: param('id') },
  'POST /api/flows/:id/deactivate': { action: 'flow.deactivate', target: param('id') },
  'POST /api/flows/:id/rotate-token': { action: 'flow.rotate-token', target: param('id') },
  'POST /api/import': { action: 'flow.import', target: none },
  'POST /api/credentials': { action: 'credential.create', target: bodyField('name') },
  'PUT /api/credentials/:name': { action: 'credential.update', target: param('name') },
  'DELETE /api/credentials/:name': { action: 'credential.delete', target: param('name') },
  'POST /api/users': { action: 'user.create', target: bodyField('username'), details: (req) => ({ role: bodyString(req, 'role') }) },
  'PATCH /api/users/:id': { action: 'user.update', target: param('id'), details: userChange },
  'DELETE /api/users/:id': { action: 'user.delete', target: param('id') },
  'POST /api/auth/password': { action: 'user.update', target: (req) => req.user?.id, details: () => ({ password: 'changed' }) },
  'POST /api/tokens': { action: 'token.create', target: bodyField('name') },
  'DELETE /api/tokens/:id': { action: 'token.revoke', target: param('id') },
};
