import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { ChildStats, ControlMessage, ReadyLine } from './child-control.js';

export type TargetName = 'baseline' | 'hookflow';

/** A bench server running as a child process. */
export interface Target {
  name: TargetName;
  url: string;
  /** The token for the target's API, when it has one (Hookflow's `/api` needs an account). */
  apiToken: string | undefined;
  /** Hookflow's `fsync` setting as its config read it; undefined for the baseline. */
  fsync: boolean | undefined;
  /** The child's RSS now (and, for Hookflow, its `fdatasync` calls so far). */
  readStats(): Promise<ChildStats>;
  /** Stops it the way an operator would (SIGTERM); SIGKILL if it has not gone after 15 s. */
  stop(): Promise<void>;
}

const readyTimeoutMs = 30_000;
const running = new Set<ChildProcess>();

/** Kills every bench server still running: run-bench calls it on every way out, errors included. */
export function killAllTargets(): void {
  for (const child of running) child.kill('SIGKILL');
}

export interface StartOptions {
  /** Node flags for the child (`--cpu-prof`, say). */
  execArgv?: string[];
  /** Variables set on top of the bench's own environment, which the child inherits. */
  env?: Record<string, string>;
}

/**
 * Starts `<name>-server.js` (next to this module) in its own process, so that the load generator
 * and the server do not share an event loop, and waits for its ready line. Its other output is
 * passed on to stderr with the target's name in front.
 */
export async function startTarget(name: TargetName, options: StartOptions = {}): Promise<Target> {
  const script = fileURLToPath(new URL(`./${name}-server.js`, import.meta.url));
  const child = fork(script, [], { execArgv: options.execArgv ?? [], env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(labelled(name, chunk.toString())));
  try {
    const ready = await waitForReady(name, child);
    return { name, url: ready.url, apiToken: ready.apiToken, fsync: ready.fsync, readStats: () => readStats(child), stop: () => stopChild(child) };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}

function waitForReady(name: TargetName, child: ChildProcess): Promise<ReadyLine> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} server did not get ready within ${readyTimeoutMs / 1000} s.`)), readyTimeoutMs);
    const onExit = (code: number | null, signal: string | null) => {
      clearTimeout(timer);
      reject(new Error(`${name} server exited before it was ready (code ${code}, signal ${signal}); its stderr is above.`));
    };
    child.once('exit', onExit);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const ready = parseReadyLine(line);
      if (!ready) return void process.stderr.write(labelled(name, `${line}\n`));
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve(ready);
    });
  });
}

function parseReadyLine(line: string): ReadyLine | undefined {
  try {
    const value = JSON.parse(line) as Partial<ReadyLine>;
    return value.bench === 'ready' && typeof value.url === 'string' ? (value as ReadyLine) : undefined;
  } catch {
    return undefined;
  }
}

function readStats(child: ChildProcess): Promise<ChildStats> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: ControlMessage) => {
      if (message.type !== 'stats-report') return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(message.stats);
    };
    const timer = setTimeout(() => {
      child.off('message', onMessage);
      reject(new Error('The bench server did not report its stats within 5 s.'));
    }, 5_000);
    child.on('message', onMessage);
    child.send({ type: 'stats' } satisfies ControlMessage);
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

function labelled(name: TargetName, text: string): string {
  return text.replace(/^(?=.)/gm, `[${name}] `);
}
