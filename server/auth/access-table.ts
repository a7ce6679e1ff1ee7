import type { Role } from './auth-data.js';

/** Who may call a route: anyone (`public`), or a signed-in user with at least that role. */
export type Access = 'public' | Role;

export interface AccessRule {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The full path as Express routes it, `:name` standing for one segment. */
  path: string;
  access: Access;
}

const rule = (method: AccessRule['method'], path: string, access: Access): AccessRule => ({ method, path, access });

/**
 * Every `/api` route and the least role that may call it. An `/api` request that matches no row
 * needs the owner role (default deny): a route added without a row here is closed to everyone but
 * owners until someone decides, and test/server/api-access.test.ts fails until it is listed.
 */
export const accessTable: readonly AccessRule[] = [
  rule('GET', '/api/auth/status', 'public'),
  rule('POST', '/api/auth/setup', 'public'),
  rule('POST', '/api/auth/login', 'public'),
  rule('POST', '/api/auth/logout', 'viewer'),
  rule('GET', '/api/auth/session', 'viewer'),
  rule('POST', '/api/auth/password', 'viewer'),
  rule('GET', '/api/tokens', 'viewer'),
  rule('POST', '/api/tokens', 'viewer'),
  rule('DELETE', '/api/tokens/:id', 'viewer'),

  rule('GET', '/api/flows', 'viewer'),
  rule('GET', '/api/flows/:id', 'viewer'),
  rule('GET', '/api/flows/:id/sample', 'viewer'),
  rule('POST', '/api/flows', 'editor'),
  rule('PUT', '/api/flows/:id', 'editor'),
  rule('DELETE', '/api/flows/:id', 'editor'),
  rule('POST', '/api/flows/:id/activate', 'editor'),
  rule('POST', '/api/flows/:id/deactivate', 'editor'),
  rule('POST', '/api/flows/:id/rotate-token', 'editor'),
  rule('PUT', '/api/flows/:id/sample', 'editor'),
  rule('POST', '/api/flows/:id/listen', 'editor'),
  rule('POST', '/api/preview', 'editor'),
  rule('POST', '/api/import', 'editor'),
  rule('GET', '/api/flows/:id/export', 'editor'),
  rule('GET', '/api/export', 'editor'),

  rule('GET', '/api/executions', 'viewer'),
  rule('GET', '/api/executions/:id', 'viewer'),
  rule('POST', '/api/executions/:id/rerun', 'editor'),
  rule('GET', '/api/node-types', 'viewer'),
  rule('GET', '/api/metrics', 'viewer'),

  rule('GET', '/api/credentials', 'viewer'),
  rule('POST', '/api/credentials', 'editor'),
  rule('PUT', '/api/credentials/:name', 'editor'),
  rule('DELETE', '/api/credentials/:name', 'editor'),

  rule('GET', '/api/users', 'owner'),
  rule('POST', '/api/users', 'owner'),
  rule('PATCH', '/api/users/:id', 'owner'),
  rule('DELETE', '/api/users/:id', 'owner'),
  rule('GET', '/api/audit', 'owner'),
];

const segmentsOf = (path: string) => path.toLowerCase().replace(/\/+$/, '').split('/');

/** The values of a row's `:name` segments in a path the row matches. */
export function paramsOf(row: AccessRule, path: string): Record<string, string> {
  const segments = path.replace(/\/+$/, '').split('/');
  return Object.fromEntries(
    row.path.split('/').flatMap((part, index) => (part.startsWith(':') ? [[part.slice(1), safeDecode(segments[index] ?? '')]] : [])),
  );
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The row for a request (HEAD counts as GET, as Express routes it); undefined when none matches.
 * Matching ignores case and a trailing slash, as Express's routing does.
 */
export function findAccessRule(method: string, path: string, table: readonly AccessRule[] = accessTable): AccessRule | undefined {
  const wanted = method === 'HEAD' ? 'GET' : method;
  const segments = segmentsOf(path);
  return table.find((row) => {
    if (row.method !== wanted) return false;
    const pattern = segmentsOf(row.path);
    return pattern.length === segments.length && pattern.every((part, index) => (part.startsWith(':') ? segments[index] !== '' : part === segments[index]));
  });
}
