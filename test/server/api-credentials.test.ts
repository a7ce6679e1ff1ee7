import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, expectApiError } from '../helpers/api-client.js';
import { startHttpSink, type HttpSink } from '../helpers/http-sink.js';
import { eventually, flowDocument, startTestApp, type TestApp } from '../helpers/start-app.js';

const token = 'tok_live_Zq8XvR2mN4pL6sT0uW3yB5dF';
const password = 'basic-pass-7Gh2Kd9s';
/** Every form a secret could be written in: as is, in a basic header, as JSON or base64. */
const secretForms = [token, password, Buffer.from(`ops:${password}`).toString('base64'), Buffer.from(token).toString('base64')];

let app: TestApp;
let sink: HttpSink;

beforeAll(async () => {
  [app, sink] = await Promise.all([startTestApp(), startHttpSink()]);
});
afterAll(async () => {
  await Promise.all([app.close(), sink.close()]);
});

const callingFlow = (id: string, auth: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  flowDocument(id, { in: ['webhook', { path: id }], call: ['http-request', { method: 'POST', url: `${sink.url}/crm`, body: '{ "order": body.order }', auth }] }, [['in', 'call']], extra);

async function allDataFiles(dir: string): Promise<string> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
  return (await Promise.all(files.map((file) => readFile(file, 'latin1')))).join('\n');
}

describe('/api/credentials', () => {
  it('creates, lists and updates credentials, answering names and field names only', async () => {
    const created = await app.api.post('/api/credentials', { name: 'crm-token', type: 'bearer', description: 'CRM', data: { token } });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/api/credentials/crm-token');
    expect(created.body).toEqual({ name: 'crm-token', type: 'bearer', description: 'CRM', fields: ['token'], createdAt: expect.any(String), updatedAt: expect.any(String) });
    await app.api.post('/api/credentials', { name: 'crm-login', type: 'basic', data: { username: 'ops', password } });

    const updated = await app.api.put('/api/credentials/crm-login', { description: 'rotated', data: { password } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ name: 'crm-login', description: 'rotated', fields: ['password', 'username'] });

    const list = await app.api.get('/api/credentials');
    expect(list.body.credentials.map((credential: { name: string }) => credential.name)).toEqual(['crm-login', 'crm-token']);
    for (const response of [created, updated, list]) for (const secret of secretForms) expect(response.text).not.toContain(secret);
  });

  it('refuses a duplicate name (409), an unknown one (404), and invalid fields (422 with problems)', async () => {
    expectApiError(await app.api.post('/api/credentials', { name: 'crm-token', type: 'bearer', data: { token: 'other' } }), 409, 'CREDENTIAL_EXISTS');
    expectApiError(await app.api.put('/api/credentials/nope', { data: { token: 'x' } }), 404, 'CREDENTIAL_NOT_FOUND');
    expectApiError(await app.api.delete('/api/credentials/nope'), 404, 'CREDENTIAL_NOT_FOUND');
    const invalid = expectApiError(await app.api.post('/api/credentials', { name: 'smtp', type: 'smtp', data: { host: 'mail.example.com', port: 99999, secure: 'no', password: 'hunter2-secret' } }), 422, 'CREDENTIAL_INVALID');
    expect(invalid.problems?.map((problem) => problem.path)).toEqual(['data.port', 'data.secure']);
    expect(JSON.stringify(invalid)).not.toContain('hunter2-secret');
    const extra = expectApiError(await app.api.put('/api/credentials/crm-token', { data: { token: 'x', sneaky: 'y' } }), 422, 'CREDENTIAL_INVALID');
    expect(extra.problems?.[0]?.message).toMatch(/Unknown field "sneaky"/);
  });

  it('refuses malformed, oversized and hostile bodies', async () => {
    expectApiError(await app.api.send('POST', '/api/credentials', { raw: '{"name":', headers: { 'content-type': 'application/json' } }), 400, 'INVALID_JSON');
    expectApiError(await app.api.send('POST', '/api/credentials', { raw: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectApiError(await app.api.post('/api/credentials', [1, 2]), 400, 'BAD_REQUEST');
    expectApiError(await app.api.post('/api/credentials', { name: 'big', type: 'bearer', data: { token: 'x'.repeat(100_000) } }), 413, 'PAYLOAD_TOO_LARGE');
    expectApiError(await app.api.post('/api/credentials', { name: 'big', type: 'bearer', data: { token: 'x'.repeat(9000) } }), 422, 'CREDENTIAL_INVALID');
    expectApiError(await app.api.post('/api/credentials', { name: '__proto__', type: 'bearer', data: { token: 'x' } }), 422, 'CREDENTIAL_INVALID');
    expectApiError(await app.api.post('/api/credentials', { name: 'a/../b', type: 'bearer', data: { token: 'x' } }), 422, 'CREDENTIAL_INVALID');
    const polluting = await app.api.post('/api/credentials', JSON.parse('{"name":"p","type":"bearer","data":{"token":"x","__proto__":{"admin":true}}}'));
    expect(expectApiError(polluting, 422, 'CREDENTIAL_INVALID').problems).toEqual([{ path: 'data', message: 'Unknown field "__proto__".' }]);
    expect(({} as { admin?: unknown }).admin).toBeUndefined();
    expect((await app.api.get('/api/credentials')).body.credentials.map((credential: { name: string }) => credential.name)).not.toContain('p');
    expectApiError(await app.api.post('/api/credentials', { name: 'ctl', type: 'apiKey', data: { header: 'X-Key', value: 'a\r\nSet-Cookie: x' } }), 422, 'CREDENTIAL_INVALID');
    expect((await app.api.get('/api/credentials')).body.credentials).toHaveLength(2);
  });

  it('refuses anonymous calls, and viewers may list but not change', async () => {
    const anonymous = apiClient(app.url);
    expect((await anonymous.get('/api/credentials')).status).toBe(401);
    expect((await anonymous.post('/api/credentials', { name: 'x', type: 'bearer', data: { token: 'x' } })).status).toBe(401);
    const viewer = await app.login('viewer');
    expect((await viewer.api.get('/api/credentials')).status).toBe(200);
    expect((await viewer.api.post('/api/credentials', { name: 'x', type: 'bearer', data: { token: 'x' } })).status).toBe(403);
    expect((await viewer.api.delete('/api/credentials/crm-token')).status).toBe(403);
  });
});

describe('credentials used by a flow', () => {
  it('sends the credential, redacts it from the execution record, and keeps it out of every data file and export', async () => {
    // The remote API echoes the credential it was sent: the record must not keep it.
    const echoes = [
      { echoed: `Bearer ${token}`, nested: [{ note: `token ${token} accepted` }] },
      { echoed: `Basic ${Buffer.from(`ops:${password}`).toString('base64')}`, nested: [{ note: `password ${password} accepted` }] },
    ];
    const bearer = await app.createFlow(callingFlow('bearer-call', { type: 'bearer', credential: 'crm-token' }));
    const basic = await app.createFlow(callingFlow('basic-call', { type: 'basic', credential: 'crm-login' }));
    for (const [index, created] of [bearer, basic].entries()) {
      sink.answer = { status: 200, body: echoes[index] };
      const response = await app.post(new URL(created.webhook.url).pathname, { order: 7 });
      expect(response.status).toBe(200);
    }
    const [first, second] = sink.requests.slice(-2);
    expect(first!.headers.authorization).toBe(`Bearer ${token}`);
    expect(second!.headers.authorization).toBe(`Basic ${Buffer.from(`ops:${password}`).toString('base64')}`);

    const executions = await eventually(async () => {
      const list = await app.api.get('/api/executions?flowId=bearer-call');
      return list.body.items?.length === 1 ? list.body.items : undefined;
    });
    const record = await app.api.get(`/api/executions/${executions[0].id}`);
    expect(record.status).toBe(200);
    const call = record.body.nodes.find((node: { nodeId: string }) => node.nodeId === 'call');
    expect(call.output.body).toEqual({ echoed: 'Bearer [redacted]', nested: [{ note: 'token [redacted] accepted' }] });

    await eventually(async () => ((await app.api.get('/api/executions?flowId=basic-call')).body.items?.length === 1 ? true : undefined));
    const files = await allDataFiles(app.dataDir);
    expect(files).toContain('[redacted]');
    for (const secret of secretForms) expect(files).not.toContain(secret);

    const exports = [await app.api.get('/api/flows/bearer-call/export'), await app.api.get('/api/export')];
    for (const exported of exports) {
      expect(exported.status).toBe(200);
      expect(exported.text).toContain('crm-token');
      for (const secret of secretForms) expect(exported.text).not.toContain(secret);
    }
  });

  it('previews a flow that names a credential without sending it, or anything, anywhere', async () => {
    const sent = sink.requests.length;
    const preview = await app.api.post('/api/preview', { flow: callingFlow('preview-call', { type: 'bearer', credential: 'crm-token' }), sample: { body: { order: 1 } } });
    expect(preview.status).toBe(200);
    expect(preview.body.nodes.find((node: { nodeId: string }) => node.nodeId === 'call').skipped).toMatch(/Preview does not send HTTP requests/);
    expect(sink.requests.length).toBe(sent);
    for (const secret of secretForms) expect(preview.text).not.toContain(secret);
  });

  it('refuses to delete a credential a flow names (409, naming the flows), and deletes it once unused', async () => {
    const refused = expectApiError(await app.api.delete('/api/credentials/crm-token'), 409, 'CREDENTIAL_IN_USE');
    expect(refused.message).toContain('"bearer-call"');
    expect((await app.api.delete('/api/flows/bearer-call')).status).toBe(204);
    expect((await app.api.delete('/api/credentials/crm-token')).status).toBe(204);
    expect((await app.api.get('/api/credentials')).body.credentials.map((credential: { name: string }) => credential.name)).toEqual(['crm-login']);
  });

  it('keeps an active flow naming a missing or mismatched credential from going live, but stores it as a draft', async () => {
    const missing = expectApiError(await app.api.post('/api/flows', callingFlow('missing-cred', { type: 'bearer', credential: 'crm-token' })), 422, 'FLOW_NOT_READY');
    expect(missing.problems).toEqual([
      expect.objectContaining({ path: 'nodes[1].config.auth.credential', message: expect.stringMatching(/"crm-token", which does not exist — create it under Credentials/) }),
    ]);
    const mismatched = expectApiError(await app.api.post('/api/flows', callingFlow('wrong-type', { type: 'bearer', credential: 'crm-login' })), 422, 'FLOW_NOT_READY');
    expect(mismatched.message).toMatch(/needs a bearer credential, but "crm-login" is a basic credential/);

    expect((await app.api.post('/api/flows', callingFlow('missing-cred', { type: 'bearer', credential: 'crm-token' }, { active: false }))).status).toBe(201);
    expectApiError(await app.api.post('/api/flows/missing-cred/activate'), 422, 'FLOW_NOT_READY');
    const imported = expectApiError(await app.api.post('/api/import', callingFlow('imported', { type: 'apiKey', credential: 'absent' })), 422, 'FLOW_NOT_READY');
    expect(imported.message).toMatch(/"absent"/);
    expect((await app.api.post('/api/import', callingFlow('imported', { type: 'apiKey', credential: 'absent' }, { active: false }))).status).toBe(201);
  });
});
