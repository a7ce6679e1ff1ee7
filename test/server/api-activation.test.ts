import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, expectApiError } from '../helpers/api-client.js';
import { flowDocument, startTestApp, type TestApp } from '../helpers/start-app.js';

let app: TestApp;
const api = apiClient(() => app.url, () => app.authHeaders);

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

/** hook → shout, with `loose` → `after` not connected to the trigger. */
const draft = (id: string, active: boolean) =>
  flowDocument(
    id,
    { hook: ['webhook', { path: `ready/${id}` }], shout: ['transform', { expression: '"hi"' }], loose: ['transform', { expression: '1' }], after: ['transform', { expression: '2' }] },
    [['hook', 'shout'], ['loose', 'after']],
    { active },
  );

const unconnected = [
  { path: 'nodes[2]', nodeId: 'loose', message: 'Node "loose" is not connected to the trigger; connect it or delete it.' },
  { path: 'nodes[3]', nodeId: 'after', message: 'Node "after" is not connected to the trigger; connect it or delete it.' },
];

function expectNotReady(response: Awaited<ReturnType<typeof api.get>>, problems = unconnected) {
  const error = expectApiError(response, 422, 'FLOW_NOT_READY');
  expect(error.problems).toEqual(problems);
  expect(error.message).toMatch(/not connected to the trigger/);
}

describe('activation readiness', () => {
  it('saves a draft with unconnected nodes, but refuses to activate it until they are connected', async () => {
    expect((await api.post('/api/flows', draft('draft', false))).status).toBe(201);
    expectNotReady(await api.post('/api/flows/draft/activate'));
    expect((await api.get('/api/flows/draft')).body).toMatchObject({ version: 1, flow: { active: false } });
    expect((await app.post('/webhook/ready/draft', {})).status).toBe(404);
    expect((await app.post('/webhook-test/ready/draft', {})).status).toBe(200);

    expect((await api.put('/api/flows/draft', draft('draft', false))).status).toBe(200);
    expectNotReady(await api.put('/api/flows/draft', draft('draft', true)));

    const connected = { ...draft('draft', false), edges: [...draft('draft', false).edges, { id: 'e3', source: 'shout', target: 'loose' }] };
    expect((await api.put('/api/flows/draft', connected)).status).toBe(200);
    const activated = await api.post('/api/flows/draft/activate');
    expect(activated.status).toBe(200);
    expect(activated.body.flow.active).toBe(true);
    expect((await app.post('/webhook/ready/draft', {})).status).toBe(200);
  });

  it('refuses to create an active flow with unconnected nodes', async () => {
    expectNotReady(await api.post('/api/flows', draft('eager', true)));
    expectApiError(await api.get('/api/flows/eager'), 404, 'FLOW_NOT_FOUND');
  });

  it('refuses an import holding an active flow that is not ready, and imports none of the file', async () => {
    const bundle = { schemaVersion: 1, kind: 'hookflow-bundle', flows: [draft('fine', false), draft('imported', true)] };
    expectNotReady(
      await api.post('/api/import', bundle),
      unconnected.map((problem) => ({ ...problem, path: `flows[1].${problem.path}` })),
    );
    expectApiError(await api.get('/api/flows/fine'), 404, 'FLOW_NOT_FOUND');
    expectNotReady(await api.post('/api/import', draft('single', true)));
    expect((await api.post('/api/import', draft('single', false))).status).toBe(201);
  });

  it('always lets a flow be deactivated', async () => {
    await api.post('/api/flows', draft('off', false));
    expect((await api.post('/api/flows/off/deactivate')).status).toBe(200);
    expectApiError(await api.post('/api/flows/unknown/activate'), 404, 'FLOW_NOT_FOUND');
  });
});
