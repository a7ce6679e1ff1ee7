/** What a call does, in words, by the start of its path: the first match wins. */
const actions: [RegExp, string][] = [
  [/^\/api\/users/, 'manage users'],
  [/^\/api\/audit/, 'read the audit log'],
  [/^\/api\/credentials/, 'change credentials'],
  [/^\/api\/tokens/, 'manage API tokens'],
  [/^\/api\/import/, 'import flows'],
  [/^\/api\/preview/, 'run previews'],
  [/^\/api\/flows\/[^/]+\/rotate-token/, 'rotate webhook URLs'],
  [/^\/api\/flows\/[^/]+\/(sample|listen)/, 'change samples'],
  [/^\/api\/flows\/[^/]+\/(activate|deactivate)/, 'switch flows on or off'],
  [/^\/api\/executions\/[^/]+\/rerun/, 'run executions again'],
  [/^\/api\/flows/, 'change flows'],
];

/**
 * The message of a 403 FORBIDDEN: which role the person has and what it does not allow, so that
 * they know whom to ask rather than retrying.
 *
 * @example
 * forbiddenMessage('viewer', 'PUT', '/api/flows/orders') // 'Your role (viewer) cannot change flows. Ask an owner for the editor role.'
 */
export function forbiddenMessage(role: string | undefined, method: string, path: string): string {
  const action = actions.find(([pattern]) => pattern.test(path))?.[1] ?? (method === 'GET' ? 'see this' : 'do this');
  const wanted = /^\/api\/(users|audit)/.test(path) ? 'owner' : 'editor';
  return `Your role (${role ?? 'unknown'}) cannot ${action}. Ask an owner for the ${wanted} role.`;
}
