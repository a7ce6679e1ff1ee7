import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp, type HookflowApp } from '../../server/app.js';
import { loadConfig, type Config } from '../../server/config.js';
import { createLogger } from '../../server/logger.js';
import { openStore } from '../../server/store/open-store.js';
import type { Store } from '../../server/store/types.js';

export { flowDocument } from './flow-document.js';

export interface TestApp extends HookflowApp {
  url: string;
  store: Store;
  config: Config;
  dataDir: string;
  /** POSTs JSON to a path of this server. */
  post(pathname: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  /** Creates a flow through the API and returns its stored view. */
  createFlow(flow: unknown): Promise<{ flow: { id: string }; version: number; webhook: { url: string; testUrl: string } }>;
  close(): Promise<void>;
}

/**
 * Starts the real app on an ephemeral port of 127.0.0.1 over a real store in a fresh temp data
 * directory. `env` adds HOOKFLOW_* settings.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'hookflow-test-'));
  const config = loadConfig({ HOOKFLOW_DATA_DIR: dataDir, HOOKFLOW_LOG_LEVEL: 'silent', ...env });
  const store = await openStore({ dataDir, retention: config.retention });
  const hookflow = createApp({ config, store, logger: createLogger(config.logLevel) });
  const server: Server = createServer(hookflow.listener).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const post = (pathname: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${url}${pathname}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return {
    ...hookflow,
    url,
    store,
    config,
    dataDir,
    post,
    async createFlow(flow) {
      const response = await post('/api/flows', flow);
      if (response.status !== 201) throw new Error(`creating the flow failed: ${response.status} ${await response.text()}`);
      return response.json() as never;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      hookflow.close();
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` returns a value (not undefined) or the time runs out. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
