import { rmSync } from 'node:fs';
import { mkdtemp, open, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openAuthStore } from '../server/auth/auth-store.js';
import { loadConfig } from '../server/config.js';
import { startServer } from '../server/main.js';
import { readServerLock } from '../server/runtime/server-lock.js';
import { readAcceptedFlow, readBenchFlow } from './bench-flow.js';
import { announceReady, serveBenchControl } from './child-control.js';

/**
 * Hookflow as it runs in production (`startServer`, the same code as `npm start`): real config,
 * lowdb store in a fresh data directory, execution recording on, SIGTERM shutdown. Only what a
 * bench needs is set; other HOOKFLOW_* variables (retention, `HOOKFLOW_FSYNC`, say) come from the
 * environment. Serves the bench flow and its `immediately` twin (the durability scenario).
 */
async function startHookflow(): Promise<void> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'hookflow-bench-'));
  process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }));
  const token = await createAdminToken(dataDir);
  const countDatasyncs = await countDatasyncCalls(dataDir);
  const env = {
    ...process.env,
    HOOKFLOW_HOST: '127.0.0.1',
    HOOKFLOW_PORT: '0',
    HOOKFLOW_PUBLIC_URL: '',
    HOOKFLOW_DATA_DIR: dataDir,
    HOOKFLOW_LOG_LEVEL: 'warn',
    HOOKFLOW_LOAD_EXAMPLES: 'false',
  };
  await startServer(env);
  // The lock file is how the CLI finds a running server; it is how we learn the ephemeral port.
  const lock = await readServerLock(dataDir);
  if (!lock) throw new Error(`Hookflow started but wrote no server lock in ${dataDir}.`);
  for (const flow of [readBenchFlow(), readAcceptedFlow()]) await importFlow(lock.url, token, flow);
  serveBenchControl(() => process.kill(process.pid, 'SIGTERM'), countDatasyncs);
  announceReady(Number(new URL(lock.url).port), { apiToken: token, fsync: loadConfig(env).fsync });
}

/** An owner and an API token for the import, made as `hookflow user create` and `hookflow token create` make them. */
async function createAdminToken(dataDir: string): Promise<string> {
  const auth = await openAuthStore(dataDir);
  try {
    const owner = await auth.users.create({ username: 'bench', password: 'bench-password-1', role: 'owner' });
    return (await auth.tokens.create(owner.id, 'bench')).secret;
  } finally {
    await auth.close();
  }
}

/** Imports a bench flow the way an admin would: through `POST /api/import`, with an API token. */
async function importFlow(url: string, token: string, flow: unknown): Promise<void> {
  const response = await fetch(`${url}/api/import`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(flow),
  });
  if (response.status !== 201) throw new Error(`Importing a bench flow answered ${response.status}: ${await response.text()}`);
}

/**
 * Counts `fdatasync` calls made through `fs/promises` file handles in this process from now on,
 * which is how the execution log syncs its appends. Wrapping the handles' shared prototype here,
 * in the bench wrapper, counts exactly the calls the server makes without a counter in its code.
 */
async function countDatasyncCalls(dir: string): Promise<() => number> {
  const probe = await open(dir, 'r');
  const prototype = Object.getPrototypeOf(probe) as Pick<FileHandle, 'datasync'>;
  await probe.close();
  const datasync = prototype.datasync;
  let calls = 0;
  prototype.datasync = function countedDatasync(this: FileHandle) {
    calls += 1;
    return datasync.call(this);
  };
  return () => calls;
}

startHookflow().catch((error: unknown) => {
  process.stderr.write(`hookflow bench server could not start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
