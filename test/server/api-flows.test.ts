import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, echoFlow, expectApiError, expectProblems } from '../helpers/api-client.js';
import { flowDocument, startTestApp, type TestApp } from '../helpers/start-app.js';

let app: TestApp;
const api = apiClient(() => app.url, () => app.authHeaders);
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());


/** Creates a flow through the API and returns the answer's body. */
async function create(document: unknown) {
  const response = await api.post('/api/flows', document);
  expect(response.status, response.text).toBe(201);
  return response.body as { flow: { id: string; name: string }; version: number; webhook: { url: string; testUrl: string } };
}

/** What a webhook URL answers to an empty POST: the status and the text. */
async function call(url: string) {
  const response = await fetch(url, { method: 'POST' });
  return { status: response.status, text: await response.text() };
}

const flowIds = async () => ((await api.get('/api/flows')).body.items as Array<{ id: string }>).map((item) => item.id).sort();

describe('/api/flows', () => {
  it('creates a flow: 201, Location, the stored document, version 1 and working webhook URLs', async () => {
    const document = echoFlow('created');
    const response = await api.post('/api/flows', document);
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe('/api/flows/created');
    const { flow, version, webhook, createdAt, updatedAt } = response.body;
    expect(flow).toEqual(document);
    expect(version).toBe(1);
    const token = webhook.url.match(/\/webhook\/([0-9a-f]{64})$/)?.[1];
    expect(webhook).toEqual({ url: `${app.url}/webhook/${token}`, testUrl: `${app.url}/webhook-test/${token}` });
    expect(new Date(createdAt).toISOString()).toBe(createdAt);
    expect(updatedAt).toBe(createdAt);
    expect(await call(webhook.url)).toEqual({ status: 200, text: 'created' });
    expect(await call(webhook.testUrl)).toEqual({ status: 200, text: 'created' });
  });

  it('gets a flow with its version as ETag, and lists it with a summary', async () => {
    const created = await create(echoFlow('fetched', 'api/fetched'));
    const response = await api.get('/api/flows/fetched');
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"1"');
    expect(response.body).toEqual(created);
    const list = await api.get('/api/flows');
    expect(list.status).toBe(200);
    expect(list.body.items).toContainEqual({
      id: 'fetched',
      name: 'Test fetched',
      active: true,
      version: 1,
      nodeCount: 2,
      webhook: { url: `${app.url}/webhook/api/fetched`, testUrl: `${app.url}/webhook-test/api/fetched` },
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
  });

  it('updates against the current version (If-Match or ?version=) and refuses a stale one with 409', async () => {
    await create(echoFlow('versioned'));
    const renamed = (name: string) => echoFlow('versioned', undefined, { name });

    const second = await api.put('/api/flows/versioned', renamed('Second'), { 'if-match': '"1"' });
    expect(second.status).toBe(200);
    expect(second.headers.get('etag')).toBe('"2"');
    expect(second.body).toMatchObject({ version: 2, flow: { name: 'Second' } });

    const stale = await api.put('/api/flows/versioned', renamed('Lost update'), { 'if-match': '"1"' });
    expect(expectApiError(stale, 409, 'FLOW_VERSION_CONFLICT').message).toMatch(/version 2.*version 1/);
    expect((await api.get('/api/flows/versioned')).body).toMatchObject({ version: 2, flow: { name: 'Second' } });

    const third = await api.put('/api/flows/versioned?version=2', renamed('Third'));
    expect(third.body).toMatchObject({ version: 3, flow: { name: 'Third' } });
    expectApiError(await api.put('/api/flows/versioned?version=2', renamed('Lost again')), 409, 'FLOW_VERSION_CONFLICT');
    expectApiError(await api.put('/api/flows/versioned?version=abc', renamed('Bad')), 400, 'BAD_VERSION');

    const overwritten = await api.put('/api/flows/versioned', renamed('Fourth'));
    expect(overwritten.status).toBe(200);
    expect(overwritten.body).toMatchObject({ version: 4, flow: { name: 'Fourth' } });
    expect((await api.get('/api/flows/versioned')).headers.get('etag')).toBe('"4"');
  });

  it('lets exactly one of two concurrent updates based on the same version win', async () => {
    await create(echoFlow('raced'));
    const [a, b] = await Promise.all(
      ['A', 'B'].map((name) => api.put('/api/flows/raced', echoFlow('raced', undefined, { name }), { 'if-match': '"1"' })),
    );
    expect([a!.status, b!.status].sort()).toEqual([200, 409]);
    const winner = a!.status === 200 ? 'A' : 'B';
    expect((await api.get('/api/flows/raced')).body).toMatchObject({ version: 2, flow: { name: winner } });
  });

  it('refuses a body whose id differs from the URL with 400 and changes nothing', async () => {
    await create(echoFlow('mismatch'));
    const error = expectApiError(await api.put('/api/flows/mismatch', echoFlow('other-id')), 400, 'ID_MISMATCH');
    expect(error.message).toMatch(/other-id.*mismatch/);
    expect((await api.get('/api/flows/mismatch')).body.version).toBe(1);
    expectApiError(await api.get('/api/flows/other-id'), 404, 'FLOW_NOT_FOUND');
  });

  it('answers 404 FLOW_NOT_FOUND for an unknown id on every flow route', async () => {
    const answers = await Promise.all([
      api.get('/api/flows/ghost'),
      api.put('/api/flows/ghost', echoFlow('ghost')),
      api.delete('/api/flows/ghost'),
      api.post('/api/flows/ghost/activate'),
      api.post('/api/flows/ghost/deactivate'),
      api.post('/api/flows/ghost/rotate-token'),
      api.get('/api/flows/ghost/export'),
    ]);
    for (const answer of answers) expect(expectApiError(answer, 404, 'FLOW_NOT_FOUND').message).toMatch(/ghost/);
    expect(await flowIds()).not.toContain('ghost');
  });

  it('deletes a flow: 204, then 404, and its webhook stops answering', async () => {
    const { webhook } = await create(echoFlow('doomed', 'api/doomed'));
    const deleted = await api.delete('/api/flows/doomed');
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expectApiError(await api.get('/api/flows/doomed'), 404, 'FLOW_NOT_FOUND');
    expectApiError(await api.delete('/api/flows/doomed'), 404, 'FLOW_NOT_FOUND');
    expect((await call(webhook.url)).status).toBe(404);
    expect(await flowIds()).not.toContain('doomed');
  });

  it('deactivate makes the webhook answer 404, activate makes it answer again', async () => {
    const { webhook } = await create(echoFlow('switched', 'api/switched'));
    const off = await api.post('/api/flows/switched/deactivate');
    expect(off.body).toMatchObject({ version: 2, flow: { active: false } });
    expect((await call(webhook.url)).status).toBe(404);
    expect((await api.post('/api/flows/switched/deactivate')).body.version).toBe(2);

    const on = await api.post('/api/flows/switched/activate');
    expect(on.body).toMatchObject({ version: 3, flow: { active: true } });
    expect(await call(webhook.url)).toEqual({ status: 200, text: 'switched' });
  });

  it('rotate-token gives a new token URL without a new version; the old URL stops answering', async () => {
    const { webhook } = await create(echoFlow('rotated'));
    const rotated = await api.post('/api/flows/rotated/rotate-token');
    expect(rotated.status).toBe(200);
    expect(rotated.body.version).toBe(1);
    expect(rotated.body.webhook.url).toMatch(/\/webhook\/[0-9a-f]{64}$/);
    expect(rotated.body.webhook.url).not.toBe(webhook.url);
    expect((await api.get('/api/flows/rotated')).body.webhook).toEqual(rotated.body.webhook);
    expect((await call(webhook.url)).status).toBe(404);
    expect(await call(rotated.body.webhook.url)).toEqual({ status: 200, text: 'rotated' });
  });

  it('refuses a custom path that another flow uses, on create and on update; the owner keeps answering', async () => {
    const owner = await create(echoFlow('path-owner', 'api/shared'));
    const onCreate = expectApiError(await api.post('/api/flows', echoFlow('path-thief', 'api/shared')), 409, 'WEBHOOK_PATH_TAKEN');
    expect(onCreate.message).toMatch(/api\/shared.*path-owner/);
    expectApiError(await api.get('/api/flows/path-thief'), 404, 'FLOW_NOT_FOUND');

    const other = await create(echoFlow('path-other', 'api/other'));
    expectApiError(await api.put('/api/flows/path-other', echoFlow('path-other', 'api/shared')), 409, 'WEBHOOK_PATH_TAKEN');
    expect((await api.get('/api/flows/path-other')).body.version).toBe(1);
    expect(await call(owner.webhook.url)).toEqual({ status: 200, text: 'path-owner' });
    expect(await call(other.webhook.url)).toEqual({ status: 200, text: 'path-other' });
  });

  it('refuses an invalid flow with 422 listing every problem with its JSON path, and stores nothing', async () => {
    const before = await flowIds();
    const invalid = flowDocument('broken', { in: ['webhook', { methods: [] }], odd: ['no-such-type'] }, [['in', 'nowhere']], { name: '' });
    const problems = expectProblems(await api.post('/api/flows', invalid));
    expect(problems.map((problem) => problem.path)).toEqual(expect.arrayContaining(['name', 'nodes[0].config.methods', 'nodes[1].type', 'edges[0].target']));
    expect(problems.find((problem) => problem.path === 'nodes[1].type')?.message).toMatch(/Unknown node type "no-such-type"/);
    expectApiError(await api.get('/api/flows/broken'), 404, 'FLOW_NOT_FOUND');
    expect(await flowIds()).toEqual(before);
  });

  it('refuses an id that exists with 409 FLOW_EXISTS and keeps the first flow', async () => {
    const first = await create(echoFlow('twin'));
    const error = expectApiError(await api.post('/api/flows', echoFlow('twin', undefined, { name: 'Impostor' })), 409, 'FLOW_EXISTS');
    expect(error.message).toMatch(/"twin"/);
    expect((await api.get('/api/flows/twin')).body).toEqual(first);
  });
});

describe('hostile or malformed API input', () => {
  const sendRaw = (method: string, pathname: string, raw: string, contentType?: string) =>
    api.send(method, pathname, { raw, headers: contentType ? { 'content-type': contentType } : {} });

  it('refuses a body that is not declared as JSON with 415', async () => {
    const body = JSON.stringify(echoFlow('not-declared'));
    expectApiError(await sendRaw('POST', '/api/flows', body, 'text/plain'), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectApiError(await sendRaw('POST', '/api/flows', body), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectApiError(await sendRaw('POST', '/api/flows', 'id=not-declared', 'application/x-www-form-urlencoded'), 415, 'UNSUPPORTED_MEDIA_TYPE');
    await create(echoFlow('declared'));
    expectApiError(await sendRaw('PUT', '/api/flows/declared', JSON.stringify(echoFlow('declared')), 'text/plain'), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect((await api.get('/api/flows/declared')).body.version).toBe(1);
    expectApiError(await api.get('/api/flows/not-declared'), 404, 'FLOW_NOT_FOUND');
  });

  it('refuses malformed JSON with 400 INVALID_JSON', async () => {
    for (const raw of ['{"schemaVersion": 1,', "{'id': 1}", '{"id": "x"} trailing']) {
      expectApiError(await sendRaw('POST', '/api/flows', raw, 'application/json'), 400, 'INVALID_JSON');
    }
    const misplaced = await sendRaw('POST', '/api/flows', '{\n  "id": "x",\n  "name": oops\n}', 'application/json');
    expectApiError(misplaced, 400, 'INVALID_JSON');
    expect(misplaced.body.error.message).toBe('The body is not valid JSON: the first mistake is at line 3, column 11.');
  });

  it('refuses a body over the 5 MB API limit with 413, but reads one just under it', async () => {
    const padded = (bytes: number) => JSON.stringify({ ...echoFlow('padded'), description: 'x'.repeat(bytes) });
    expectApiError(await sendRaw('POST', '/api/flows', padded(5 * 1024 * 1024 + 1), 'application/json'), 413, 'PAYLOAD_TOO_LARGE');
    const under = expectProblems(await sendRaw('POST', '/api/flows', padded(4 * 1024 * 1024), 'application/json'));
    expect(under).toEqual([expect.objectContaining({ path: 'description' })]);
    expectApiError(await api.get('/api/flows/padded'), 404, 'FLOW_NOT_FOUND');
  });

  it('refuses a JSON array, string or null instead of an object with 400', async () => {
    expect(expectApiError(await api.post('/api/flows', [echoFlow('in-array')]), 400, 'BAD_REQUEST').message).toMatch(/JSON object/);
    for (const json of ['just a string', null, 42]) {
      const response = await api.post('/api/flows', json);
      expect(response.status, `body ${JSON.stringify(json)}`).toBe(400);
      expect(response.body.error.message).toMatch(/JSON/);
    }
    expectApiError(await api.get('/api/flows/in-array'), 404, 'FLOW_NOT_FOUND');
  });

  it('answers an unknown route with a 404 JSON error', async () => {
    for (const [method, pathname] of [['GET', '/api/nothing-here'], ['DELETE', '/api/flows'], ['PATCH', '/api/flows/x'], ['GET', '/no/such/page']] as const) {
      const error = expectApiError(await api.send(method, pathname), 404, 'NOT_FOUND');
      expect(error.message).toContain(`${method} ${pathname}`);
    }
  });

  it('names the expression and the position of a JSONata syntax error', async () => {
    const document = flowDocument('bad-expression', { in: ['webhook'], ok: ['transform', { expression: '$' }], bad: ['transform', { expression: '{ "a": ' }] }, [['in', 'ok'], ['ok', 'bad']]);
    const problems = expectProblems(await api.post('/api/flows', document));
    expect(problems).toEqual([expect.objectContaining({ path: 'nodes[2].config.expression', position: expect.any(Number), message: expect.stringMatching(/JSONata syntax error at character \d+/) })]);
    expectApiError(await api.get('/api/flows/bad-expression'), 404, 'FLOW_NOT_FOUND');
  });

  it('refuses oversized strings and node lists with 422 saying the limit', async () => {
    const manyNodes = Object.fromEntries([['in', ['webhook']], ...Array.from({ length: 600 }, (_, index) => [`n${index}`, ['transform', { expression: '$' }]])]);
    expect(expectProblems(await api.post('/api/flows', flowDocument('crowded', manyNodes, [])))).toContainEqual({ path: 'nodes', message: 'A flow may hold at most 500 nodes.' });

    const longName = expectProblems(await api.post('/api/flows', echoFlow('long-name', undefined, { name: 'n'.repeat(100_000) })));
    expect(longName).toEqual([{ path: 'name', message: expect.stringMatching(/200/) }]);
    const longId = expectProblems(await api.post('/api/flows', echoFlow('i'.repeat(5000))));
    expect(longId).toContainEqual({ path: 'id', message: expect.stringMatching(/100/) });
    expect(await flowIds()).not.toContain('crowded');
  });

  it('refuses a node config nested too deeply with 422, and keeps working', async () => {
    const depth = 20_000;
    const raw = JSON.stringify(echoFlow('deep')).replace('"config":{}', `"config":{"x":${'['.repeat(depth)}${']'.repeat(depth)}}`);
    const problems = expectProblems(await sendRaw('POST', '/api/flows', raw, 'application/json'));
    expect(problems).toContainEqual({ path: 'nodes[0].config', message: expect.stringMatching(/nest at most \d+ levels/) });
    expectApiError(await api.get('/api/flows/deep'), 404, 'FLOW_NOT_FOUND');
    expect((await api.post('/api/flows', echoFlow('after-deep'))).status).toBe(201);
  });

  it('keeps __proto__ and constructor keys as data: nothing is polluted and the flow stays what it says', async () => {
    // Written as text: a JavaScript literal's __proto__ would set a prototype, not send the key.
    const raw = `{
      "schemaVersion": 1, "id": "proto", "name": "Proto",
      "__proto__": { "polluted": "top", "active": false },
      "constructor": { "prototype": { "polluted": "constructor" } },
      "nodes": [
        { "id": "in", "type": "webhook", "__proto__": { "polluted": "node" }, "config": { "__proto__": { "path": "hijacked", "polluted": "config" } } },
        { "id": "out", "type": "transform", "config": { "expression": "\\"proto\\"", "constructor": { "prototype": { "polluted": "nested" } } } }
      ],
      "edges": [{ "id": "e1", "source": "in", "target": "out", "__proto__": { "sourceHandle": "nope" } }]
    }`;
    const response = await sendRaw('POST', '/api/flows', raw, 'application/json');
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.prototype).not.toHaveProperty('path');
    expect(response.status, response.text).toBe(201);
    expect(response.body.flow.active).toBe(true);
    expect(response.body.webhook.url).toMatch(/\/webhook\/[0-9a-f]{64}$/);
    expect(await call(response.body.webhook.url)).toEqual({ status: 200, text: 'proto' });
    expect((await call(`${app.url}/webhook/hijacked`)).status).toBe(404);
    const exported = await api.get('/api/flows/proto/export');
    expect(exported.text).not.toMatch(/__proto__|hijacked/);
    expect(exported.body.nodes[0].config).toEqual({});
  });
});
