import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CredentialFields, CredentialSource, CredentialType } from '../../server/credentials/types.js';
import { startHttpSink, type HttpSink } from '../helpers/http-sink.js';
import { probePorts, runTestFlow } from '../helpers/run-test-flow.js';
import { createTestServices } from '../helpers/services.js';

const stored: Record<string, { type: CredentialType; fields: CredentialFields[CredentialType] }> = {
  crm: { type: 'bearer', fields: { token: 'bearer-secret-1' } },
  login: { type: 'basic', fields: { username: 'ops', password: 'pä55:word' } },
  key: { type: 'apiKey', fields: { header: 'X-Api-Key', value: 'api-key-secret' } },
};
const credentials: CredentialSource = {
  resolve: (name, type) => (stored[name]?.type === type ? (stored[name].fields as never) : undefined),
};

let sink: HttpSink;
beforeAll(async () => {
  sink = await startHttpSink();
});
afterAll(() => sink.close());

async function send(auth: unknown, headers: unknown[] = [], url = `${sink.url}/hook`) {
  const { services, close } = createTestServices({ credentials });
  try {
    const flow = probePorts('http-request', { method: 'POST', url, body: '{ "a": 1 }', headers, auth }, ['success', 'error']);
    return await runTestFlow(flow, { services });
  } finally {
    close();
  }
}

describe('http-request authentication', () => {
  it('sends a bearer credential as Authorization: Bearer', async () => {
    const { output } = await send({ type: 'bearer', credential: 'crm' });
    expect(output).toMatchObject({ port: 'success' });
    expect(sink.requests.at(-1)!.headers.authorization).toBe('Bearer bearer-secret-1');
  });

  it('sends a basic credential as Authorization: Basic of user:password in UTF-8', async () => {
    await send({ type: 'basic', credential: 'login' });
    expect(sink.requests.at(-1)!.headers.authorization).toBe(`Basic ${Buffer.from('ops:pä55:word', 'utf8').toString('base64')}`);
  });

  it('sends an API key credential in its header, replacing a header of the same name', async () => {
    await send({ type: 'apiKey', credential: 'key' }, [{ name: 'x-api-key', value: 'from-the-flow' }]);
    expect(sink.requests.at(-1)!.headers['x-api-key']).toBe('api-key-secret');
  });

  it('sends no credential without auth, and the default is none', async () => {
    await send(undefined);
    expect(sink.requests.at(-1)!.headers.authorization).toBeUndefined();
  });

  it('does not follow a redirect with a credential, so it cannot reach another host', async () => {
    const redirector = createServer((_req, res) => res.writeHead(302, { location: `${sink.url}/elsewhere` }).end()).listen(0, '127.0.0.1');
    await once(redirector, 'listening');
    try {
      const sent = sink.requests.length;
      const { output } = await send({ type: 'apiKey', credential: 'key' }, [], `http://127.0.0.1:${(redirector.address() as AddressInfo).port}/start`);
      expect(output).toMatchObject({ port: 'error', result: { status: 302 } });
      expect(sink.requests.length).toBe(sent);
    } finally {
      redirector.close();
    }
  });

  it('fails the node, naming the credential, when it is missing or of another type', async () => {
    const missing = await send({ type: 'bearer', credential: 'nope' });
    expect(missing.error).toMatch(/"nope"/);
    const wrongType = await send({ type: 'bearer', credential: 'login' });
    expect(wrongType.error).toMatch(/"login"/);
    expect(wrongType.error).not.toContain('pä55');
  });

  it('refuses an auth config without a credential name, or with an unknown type, at save time', async () => {
    await expect(send({ type: 'bearer' })).rejects.toMatchObject({ code: 'FLOW_INVALID' });
    await expect(send({ type: 'digest', credential: 'crm' })).rejects.toMatchObject({ code: 'FLOW_INVALID' });
    await expect(send({ type: 'bearer', credential: '../etc' })).rejects.toMatchObject({ code: 'FLOW_INVALID' });
  });
});
