import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessTable, type AccessRule } from '../../server/auth/access-table.js';
import type { Role } from '../../server/auth/auth-data.js';
import { apiClient, expectApiError, type ApiClient } from '../helpers/api-client.js';
import { listExpressRoutes } from '../helpers/express-routes.js';
import { startTestApp, type TestApp } from '../helpers/start-app.js';

let app: TestApp;
const clients = {} as Record<Role | 'anonymous', ApiClient>;
beforeAll(async () => {
  app = await startTestApp();
  clients.anonymous = apiClient(app.url);
  clients.owner = app.api;
  clients.editor = (await app.login('editor')).api;
  clients.viewer = (await app.login('viewer')).api;
});
afterAll(() => app.close());

const ranks: Role[] = ['viewer', 'editor', 'owner'];
const key = (row: AccessRule) => `${row.method} ${row.path}`;
/** A concrete request for a row: every `:name` segment becomes a value no resource has. */
const call = (client: ApiClient, row: AccessRule) => {
  const path = row.path.replace(/:[a-z]+/gi, 'no-such-thing');
  return row.method === 'GET' || row.method === 'DELETE' ? client.send(row.method, path) : client.send(row.method, path, { json: {} });
};

describe('access to every /api route', () => {
  it('the access table lists every /api route the server answers (a new route without a row fails here)', () => {
    const routed = listExpressRoutes(app.app).filter((route) => route.split(' ')[1]!.startsWith('/api/'));
    const listed = new Set(accessTable.map(key));
    expect(routed.length).toBeGreaterThan(25);
    expect(routed.filter((route) => !listed.has(route))).toEqual([]);
  });

  it('refuses anonymous callers with 401 on every route but status, login and setup', async () => {
    for (const row of accessTable) {
      const response = await call(clients.anonymous, row);
      if (row.access === 'public') expect([401, 403], key(row)).not.toContain(response.status);
      else expect({ route: key(row), status: response.status, code: response.body?.error?.code }).toEqual({ route: key(row), status: 401, code: 'UNAUTHENTICATED' });
    }
  });

  it('refuses roles below the row with 403 FORBIDDEN and lets the row role and above through', async () => {
    for (const row of accessTable.filter((candidate) => candidate.access !== 'public')) {
      for (const role of ranks) {
        const response = await call(clients[role], row);
        const allowed = ranks.indexOf(role) >= ranks.indexOf(row.access as Role);
        if (allowed) expect([401, 403], `${role} ${key(row)}: ${response.text}`).not.toContain(response.status);
        else expect({ route: key(row), role, status: response.status, code: response.body?.error?.code }).toEqual({ route: key(row), role, status: 403, code: 'FORBIDDEN' });
      }
    }
  });

  it('an /api path no row names is for owners only (default deny), and otherwise 404', async () => {
    expectApiError(await clients.anonymous.get('/api/not-a-route'), 401, 'UNAUTHENTICATED');
    expectApiError(await clients.editor.post('/api/not-a-route', {}), 403, 'FORBIDDEN');
    expectApiError(await clients.owner.get('/api/not-a-route'), 404, 'NOT_FOUND');
  });

  it('matches rows whatever the case or a trailing slash, as Express routes them', async () => {
    expectApiError(await clients.anonymous.get('/API/FLOWS/'), 401, 'UNAUTHENTICATED');
    expectApiError(await clients.viewer.send('DELETE', '/api/Flows/some-flow/'), 403, 'FORBIDDEN');
    expect((await clients.viewer.get('/api/Flows/')).status).toBe(200);
  });

  it('webhook and status URLs stay outside: no account needed', async () => {
    const created = await app.createFlow({ schemaVersion: 1, id: 'open-door', name: 'Open', active: true, nodes: [{ id: 'in', type: 'webhook', position: { x: 0, y: 0 }, config: {} }], edges: [] });
    expect((await fetch(created.webhook.url, { method: 'POST' })).status).not.toBe(401);
    expect((await fetch(`${app.url}/webhook-result/none`)).status).toBe(404);
  });
});
