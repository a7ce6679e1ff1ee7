import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { openAuthStore } from '../../server/auth/auth-store.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const mainModule = fileURLToPath(new URL('../../server/main.ts', import.meta.url));

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** What it logged so far (JSON lines). */
  output(): string;
  /** Resolves with the exit code (null when killed by a signal) and the signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Makes an owner and an API token in a fresh data directory, before any server runs on it. */
export async function prepareDataDir(dataDir: string): Promise<string> {
  const auth = await openAuthStore(dataDir);
  try {
    const owner = await auth.users.create({ username: 'owner', password: 'owner-password-1', role: 'owner' });
    return (await auth.tokens.create(owner.id, 'tests')).secret;
  } finally {
    await auth.close();
  }
}

/**
 * Starts `server/main.ts` as its own process (node + tsx) on a free port of 127.0.0.1, as
 * `npm start` would, and resolves once it listens. For tests that kill it or send it signals.
 */
export async function startServerProcess(dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('HOOKFLOW_')));
  const child = spawn(process.execPath, ['--import', 'tsx', mainModule], {
    cwd: repoRoot,
    env: { ...inherited, HOOKFLOW_DATA_DIR: dataDir, HOOKFLOW_PORT: '0', HOOKFLOW_LOAD_EXAMPLES: 'false', HOOKFLOW_OUTBOUND_ALLOW: '127.0.0.1', HOOKFLOW_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = once(child, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start within 30 s:\n${output}`)), 30_000);
    const look = () => {
      const match = /Hookflow is listening on (http:\/\/[^"\s]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout!.off('data', look);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', look);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the server exited before it listened:\n${output}`));
    });
  });
  return { url, child, exited, output: () => output };
}
