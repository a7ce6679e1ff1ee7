import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, expectProblems } from '../helpers/api-client.js';
import { flowDocument, startTestApp, type TestApp } from '../helpers/start-app.js';

let app: TestApp;
const api = apiClient(() => app.url, () => app.authHeaders);
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

/** webhook → an HTTP request whose failures take an error port wired to an alert. */
function retryingFlow(id: string, settings: unknown, flowSettings?: unknown) {
  const document = flowDocument(
    id,
    { hook: ['webhook', {}], call: ['transform', { expression: 'body' }], alert: ['transform', { expression: 'error.message' }] },
    [
      ['hook', 'call'],
      ['call', 'alert', 'error'],
    ],
    flowSettings === undefined ? {} : { settings: flowSettings },
  );
  document.nodes[1] = { ...document.nodes[1]!, settings } as (typeof document.nodes)[number];
  return document;
}

describe('node and flow settings through the API', () => {
  it('stores, answers and exports the settings exactly as sent', async () => {
    const settings = { retry: { attempts: 3, backoffMs: 500, jitter: false }, timeoutMs: 2000, onError: 'errorPort' };
    const document = retryingFlow('with-settings', settings, { timeoutMs: 60_000 });
    const created = await api.post('/api/flows', document);
    expect(created.status, created.text).toBe(201);
    expect(created.body.flow).toEqual(document);
    const exported = (await api.get('/api/flows/with-settings/export')).body;
    expect(exported.nodes[1].settings).toEqual(settings);
    expect(exported.settings).toEqual({ timeoutMs: 60_000 });
    expect(exported.nodes[0]).not.toHaveProperty('settings');
  });

  it('refuses bad settings with 422 and every problem at its path, storing nothing', async () => {
    const response = await api.post('/api/flows', retryingFlow('bad-settings', { retry: { attempts: 0 }, onError: 'errorPort' }, { timeoutMs: 10 }));
    expect(expectProblems(response)).toEqual([
      { path: 'nodes[1].settings.retry.attempts', message: 'retry.attempts must be at least 1 (1 tries once, without retries).' },
      { path: 'settings.timeoutMs', message: 'settings.timeoutMs must be at least 1000 ms.' },
    ]);
    expect((await api.get('/api/flows/bad-settings')).status).toBe(404);
  });

  it('refuses an edge from "error" when the node’s failures do not take the error output', async () => {
    const problems = expectProblems(await api.post('/api/flows', retryingFlow('no-error-port', { onError: 'continue' })));
    expect(problems).toEqual([{ path: 'edges[1].sourceHandle', nodeId: 'call', message: 'Node "call" has no output port "error"; its ports are: out.' }]);
  });
});
