import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, echoFlow, expectApiError, expectProblems, type ApiResponse } from '../helpers/api-client.js';
import { flowDocument, startTestApp, type TestApp } from '../helpers/start-app.js';

const flowsDir = path.resolve(import.meta.dirname, '../../flows');
const exampleFiles = readdirSync(flowsDir).filter((name) => name.endsWith('.flow.json')).sort();
const readExample = (file: string) => JSON.parse(readFileSync(path.join(flowsDir, file), 'utf8')) as { id: string; nodes: Array<{ config: { path?: string } }> };

let app: TestApp;
const api = apiClient(() => app.url, () => app.authHeaders);
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const bundle = (flows: unknown[]) => ({ schemaVersion: 1, kind: 'hookflow-bundle', flows });
const exported = async (id: string) => (await api.get(`/api/flows/${id}/export`)).body as Record<string, unknown>;
const listed = async () => (await api.get('/api/flows')).body.items as Array<{ id: string; version: number; name: string }>;
const expectAttachment = (response: ApiResponse, filename: string) =>
  expect(response.headers.get('content-disposition')?.replace(/"/g, '')).toBe(`attachment; filename=${filename}`);
/** Every secret webhook token the server holds: none of them may leave it in an export. */
const tokens = async () => (await app.store.flows.list()).map((stored) => stored.token);

describe('import and export of flow files', () => {
  it.each(exampleFiles)('imports %s and exports it unchanged, without its token', async (file) => {
    const original = readExample(file);
    const imported = await api.post('/api/import', original);
    expect(imported.status, imported.text).toBe(201);
    const customPath = original.nodes[0]!.config.path;
    expect(imported.body.imported).toEqual([
      expect.objectContaining({ id: original.id, version: 1, webhook: { url: `${app.url}/webhook/${customPath}`, testUrl: `${app.url}/webhook-test/${customPath}` } }),
    ]);

    const response = await api.get(`/api/flows/${original.id}/export`);
    expect(response.status).toBe(200);
    expectAttachment(response, `${original.id}.flow.json`);
    expect(response.body).toEqual(original);
    const { token } = (await app.store.flows.get(original.id))!;
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(response.text).not.toContain(token);
  });

  it('fills defaults on import, and export(import(export(x))) equals export(x) keeping every field of x', async () => {
    const sparse = {
      schemaVersion: 1,
      id: 'sparse',
      name: 'Sparse',
      nodes: [{ id: 'in', type: 'webhook' }, { id: 'out', type: 'transform', config: { expression: '$' } }],
      edges: [{ id: 'e1', source: 'in', target: 'out' }],
    };
    const { body } = await api.post('/api/import', sparse);
    const tokenUrl = body.imported[0].webhook.url as string;
    const first = await exported('sparse');
    expect(first).toMatchObject(sparse);
    expect(first).toMatchObject({ active: true, nodes: [{ position: { x: 0, y: 0 }, config: {} }, { position: { x: 0, y: 0 } }] });

    expect((await api.post('/api/import?replace=true', first)).status).toBe(201);
    expect(await exported('sparse')).toEqual(first);
    const text = (await api.get('/api/flows/sparse/export')).text;
    expect(text).not.toContain(tokenUrl.split('/').at(-1)!);
  });

  it('imports every flow of a bundle, in order', async () => {
    const imported = await api.post('/api/import', bundle([echoFlow('bundled-a', 'bundle/a'), echoFlow('bundled-b')]));
    expect(imported.status).toBe(201);
    expect(imported.body.imported.map((flow: { id: string }) => flow.id)).toEqual(['bundled-a', 'bundled-b']);
    for (const flow of imported.body.imported as Array<{ id: string; webhook: { url: string } }>) {
      const response = await fetch(flow.webhook.url, { method: 'POST' });
      expect(await response.text()).toBe(flow.id);
    }
  });

  it('imports none of a bundle when one flow is invalid, naming its problems by flows[i]', async () => {
    const before = await listed();
    const invalid = flowDocument('bundle-bad', { in: ['webhook'], bad: ['transform', { expression: '(' }] }, [['in', 'bad']], { name: '' });
    const problems = expectProblems(await api.post('/api/import', bundle([echoFlow('bundle-good'), invalid])));
    expect(problems.map((problem) => problem.path).sort()).toEqual(['flows[1].name', 'flows[1].nodes[1].config.expression']);
    expect(await listed()).toEqual(before);
    expectApiError(await api.get('/api/flows/bundle-good'), 404, 'FLOW_NOT_FOUND');
  });

  it('stores all of a bundle or none while other imports and creates race for its webhook path', async () => {
    const contenders = {
      'bundle A': [['race-a1', 'race-a2', 'race-a'], api.post('/api/import', bundle([echoFlow('race-a1'), echoFlow('race-a2'), echoFlow('race-a', 'race/path')]))],
      'bundle B': [['race-b1', 'race-b2', 'race-b'], api.post('/api/import', bundle([echoFlow('race-b1'), echoFlow('race-b2'), echoFlow('race-b', 'race/path')]))],
      'single create': [['race-c'], api.post('/api/flows', echoFlow('race-c', 'race/path'))],
    } as const;
    const outcomes = await Promise.all(Object.values(contenders).map(async ([ids, answer]) => ({ ids, status: (await answer).status })));
    const winners = outcomes.filter((outcome) => outcome.status === 201);
    expect(winners).toHaveLength(1);
    const stored = (await listed()).map((flow) => flow.id).filter((id) => id.startsWith('race-'));
    expect(stored.sort()).toEqual([...winners[0]!.ids].sort());
  });

  it('refuses an existing id with 409 and imports nothing, unless replace=true, which makes the next version', async () => {
    await api.post('/api/import', echoFlow('existing'));
    const again = bundle([echoFlow('brand-new'), echoFlow('existing', undefined, { name: 'Replaced' })]);
    expect(expectApiError(await api.post('/api/import', again), 409, 'FLOW_EXISTS').message).toMatch(/"existing"/);
    expectApiError(await api.get('/api/flows/brand-new'), 404, 'FLOW_NOT_FOUND');
    expect((await api.get('/api/flows/existing')).body).toMatchObject({ version: 1, flow: { name: 'Test existing' } });

    const replaced = await api.post('/api/import?replace=true', again);
    expect(replaced.status).toBe(201);
    expect(replaced.body.imported).toEqual([
      expect.objectContaining({ id: 'brand-new', version: 1 }),
      expect.objectContaining({ id: 'existing', version: 2, name: 'Replaced' }),
    ]);
    expect((await api.get('/api/flows/existing')).body).toMatchObject({ version: 2, flow: { name: 'Replaced' } });
  });

  it('refuses a bundle whose flows share a custom path or an id, or take the path of a stored flow', async () => {
    const before = await listed();
    const sharedPath = expectProblems(await api.post('/api/import', bundle([echoFlow('clash-a', 'clash/path'), echoFlow('clash-b', 'clash/path')])));
    expect(sharedPath).toEqual([{ path: 'flows[1].nodes', message: expect.stringMatching(/"clash\/path".*"clash-a"/) }]);

    const sharedId = expectProblems(await api.post('/api/import', bundle([echoFlow('same-id'), echoFlow('same-id')])));
    expect(sharedId).toEqual([{ path: 'flows[1].id', message: expect.stringMatching(/"same-id" appears more than once/) }]);

    await api.post('/api/import', echoFlow('path-holder', 'held/path'));
    const taken = expectProblems(await api.post('/api/import', echoFlow('path-taker', 'held/path')));
    expect(taken).toEqual([{ path: 'nodes', message: expect.stringMatching(/"held\/path".*"path-holder"/) }]);
    expect((await listed()).map((flow) => flow.id).sort()).toEqual([...before.map((flow) => flow.id), 'path-holder'].sort());
  });

  it('refuses what is not a flow file or bundle with 422 naming the formats Hookflow reads', async () => {
    for (const document of [{ foo: 1 }, [1, 2], [echoFlow('in-an-array')]]) {
      const [problem] = expectProblems(await api.post('/api/import', document));
      expect(problem!.message).toMatch(/Hookflow flow file.*"schemaVersion": 1.*Hookflow bundle.*"flows"/);
    }
    expect(expectProblems(await api.post('/api/import', { kind: 'hookflow-bundle' }))).toEqual([{ path: 'flows', message: expect.stringMatching(/"flows" array/) }]);
    expect(expectProblems(await api.post('/api/import', bundle([])))).toEqual([{ path: 'flows', message: expect.stringMatching(/no flows/) }]);
    expectApiError(await api.send('POST', '/api/import', { raw: JSON.stringify(echoFlow('as-text')), headers: { 'content-type': 'text/plain' } }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectApiError(await api.get('/api/flows/as-text'), 404, 'FLOW_NOT_FOUND');
  });

  it('GET /api/export answers a bundle of every flow, which imports into a fresh server as it was', async () => {
    const response = await api.get('/api/export');
    expect(response.status).toBe(200);
    expectAttachment(response, 'hookflow-flows.json');
    const all = response.body as { schemaVersion: number; kind: string; exportedAt: string; flows: Array<{ id: string }> };
    expect(all).toMatchObject({ schemaVersion: 1, kind: 'hookflow-bundle', exportedAt: expect.any(String) });
    expect(all.flows.map((flow) => flow.id).sort()).toEqual((await listed()).map((flow) => flow.id).sort());
    expect(all.flows.map((flow) => flow.id)).toEqual(expect.arrayContaining(exampleFiles.map((file) => readExample(file).id)));
    for (const flow of all.flows) expect(flow).toEqual(await exported(flow.id));
    for (const token of await tokens()) expect(response.text).not.toContain(token);

    const fresh = await startTestApp();
    try {
      const restored = await apiClient(fresh.url, fresh.authHeaders).post('/api/import', all);
      expect(restored.status, restored.text).toBe(201);
      expect((await apiClient(fresh.url, fresh.authHeaders).get('/api/export')).body.flows).toEqual(all.flows);
    } finally {
      await fresh.close();
    }
  });
});
