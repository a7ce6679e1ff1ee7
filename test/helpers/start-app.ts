import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp, type HookflowApp } from '../../server/app.js';
import type { ReadableAuditLog } from '../../server/audit/audit-log.js';
import { openFileAuditLog } from '../../server/audit/file-audit-log.js';
import type { AuthUser, Role } from '../../server/auth/auth-data.js';
import { openAuthStore, type AuthStore } from '../../server/auth/auth-store.js';
import { setPasswordCost } from '../../server/auth/password.js';
import { loadConfig, type Config } from '../../server/config.js';
import { createLogger, type Logger } from '../../server/logger.js';
import { openStore } from '../../server/store/open-store.js';
import type { Store } from '../../server/store/types.js';
import { apiClient, type ApiClient } from './api-client.js';

export { flowDocument } from './flow-document.js';

export interface TestApp extends HookflowApp {
  url: string;
  store: Store;
  config: Config;
  dataDir: string;
  auth: AuthStore;
  audit: ReadableAuditLog;
  /** The API token (`hf_…`) of the owner `owner` / `owner-password-1` (empty with `{ owner: false }`). */
  token: string;
  /** `{ authorization: 'Bearer <token>' }`: add it to a raw `fetch` of `/api`. */
  authHeaders: Record<string, string>;
  /** POSTs JSON to a path of this server; `/api` paths go with the owner's token. */
  post(pathname: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  /** An API client acting as the owner (bearer token). */
  api: ApiClient;
  /** Creates a flow through the API and returns its stored view. */
  createFlow(flow: unknown): Promise<{ flow: { id: string }; version: number; webhook: { url: string; testUrl: string } }>;
  /** An API client (bearer token) of a fresh user with this role. */
  login(role: Role): Promise<TestUser>;
  /** A fresh user with this role, signed in through `POST /api/auth/login`: cookie-session clients. */
  loginSession(role: Role): Promise<TestSession>;
  close(): Promise<void>;
}

export interface TestUser {
  user: AuthUser;
  password: string;
  token: string;
  api: ApiClient;
}

export interface TestSession {
  user: AuthUser;
  password: string;
  /** `hookflow_session=…`, for the `cookie` header. */
  cookie: string;
  csrfToken: string;
  /** Sends the cookie and the x-csrf-token header, as the editor does. */
  api: ApiClient;
  /** Sends only the cookie, as another site's page would make the browser do. */
  cookieOnly: ApiClient;
}

export const ownerLogin = { username: 'owner', password: 'owner-password-1' } as const;
// Test servers hash passwords cheaply: the suite creates hundreds of accounts on a shared machine.
setPasswordCost({ N: 1024, r: 8, p: 1 });
let users = 0;

/**
 * Starts the real app on an ephemeral port of 127.0.0.1 over a real store in a fresh temp data
 * directory, with the owner `owner` / `owner-password-1` and an API token of theirs (unless
 * `options.owner` is false: then the server waits for its setup). `env` adds HOOKFLOW_* settings;
 * its HOOKFLOW_DATA_DIR starts the app on a prepared data directory (removed on close like a fresh one).
 * `options.logger` replaces the silent logger (to capture log lines); `options.keepData` leaves the
 * data directory on close (to start again on it, as after a restart).
 */
export async function startTestApp(env: Record<string, string> = {}, options: { owner?: boolean; logger?: Logger; keepData?: boolean } = {}): Promise<TestApp> {
  const dataDir = env.HOOKFLOW_DATA_DIR ?? (await mkdtemp(path.join(tmpdir(), 'hookflow-test-')));
  // The tests' HTTP and SMTP sinks listen on 127.0.0.1, which the outbound policy refuses by default.
  const config = loadConfig({ HOOKFLOW_DATA_DIR: dataDir, HOOKFLOW_LOG_LEVEL: 'silent', HOOKFLOW_OUTBOUND_ALLOW: '127.0.0.1', ...env });
  const store = await openStore({ dataDir, retention: config.retention, recordMaxValueBytes: config.recordMaxValueBytes });
  const [auth, audit] = await Promise.all([openAuthStore(dataDir), openFileAuditLog(dataDir)]);
  const hookflow = createApp({ config, store, logger: options.logger ?? createLogger(config.logLevel), auth, audit });
  const server: Server = createServer(hookflow.listener).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  hookflow.setBaseUrl(url);
  await hookflow.recover();
  const token = options.owner === false ? '' : await createOwnerToken(auth);
  const authHeaders: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const post = (pathname: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${url}${pathname}`, {
      method: 'POST',
      headers: { ...(pathname.startsWith('/api/') ? authHeaders : {}), 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const createUser = async (role: Role) => {
    const password = `${role}-password-1`;
    return { user: await auth.users.create({ username: `${role}-${(users += 1)}`, password, role }), password };
  };
  return {
    ...hookflow,
    url,
    store,
    config,
    dataDir,
    auth,
    audit,
    token,
    authHeaders,
    post,
    api: apiClient(url, authHeaders),
    async login(role) {
      const { user, password } = await createUser(role);
      const { secret } = await auth.tokens.create(user.id, 'test');
      return { user, password, token: secret, api: apiClient(url, { authorization: `Bearer ${secret}` }) };
    },
    async loginSession(role) {
      const { user, password } = await createUser(role);
      const response = await apiClient(url).post('/api/auth/login', { username: user.username, password });
      if (response.status !== 200) throw new Error(`signing in failed: ${response.status} ${response.text}`);
      const cookie = response.headers.getSetCookie()[0]!.split(';')[0]!;
      const csrfToken = response.body.csrfToken as string;
      return { user, password, cookie, csrfToken, api: apiClient(url, { cookie, 'x-csrf-token': csrfToken }), cookieOnly: apiClient(url, { cookie }) };
    },
    async createFlow(flow) {
      const response = await post('/api/flows', flow);
      if (response.status !== 201) throw new Error(`creating the flow failed: ${response.status} ${await response.text()}`);
      return response.json() as never;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await hookflow.executor.shutdown(0);
      hookflow.close();
      await Promise.all([store.close(), auth.close(), audit.close()]);
      if (!options.keepData) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function createOwnerToken(auth: AuthStore): Promise<string> {
  // A data directory used before (a restart) has its owner already.
  const owner = auth.users.findByName(ownerLogin.username) ?? (await auth.users.create({ ...ownerLogin, role: 'owner' }));
  return (await auth.tokens.create(owner.id, 'tests')).secret;
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
