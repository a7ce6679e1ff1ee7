import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { StartupError } from '../errors.js';

/** What a running server writes into its data directory, so the CLI can find it. */
export interface ServerLock {
  pid: number;
  url: string;
  startedAt: string;
}

const lockFile = (dataDir: string) => path.join(dataDir, 'server.lock.json');

/** The server that holds this data directory, if one is running. */
export async function readServerLock(dataDir: string): Promise<ServerLock | undefined> {
  let lock: ServerLock;
  try {
    lock = JSON.parse(await readFile(lockFile(dataDir), 'utf8')) as ServerLock;
  } catch {
    return undefined;
  }
  return isAlive(lock.pid) ? lock : undefined;
}

/** Two servers on one data directory would overwrite each other's files: refuse a second one. */
export async function refuseIfServed(dataDir: string): Promise<void> {
  const holder = await readServerLock(dataDir);
  if (holder && holder.pid !== process.pid) {
    throw new StartupError(`Another Hookflow (process ${holder.pid}) already serves the data directory ${dataDir} at ${holder.url}. Stop it first, or set HOOKFLOW_DATA_DIR to another directory.`);
  }
}

/** Claims the data directory for this process; a lock left by a process that died is taken over. */
export async function acquireServerLock(dataDir: string, url: string): Promise<{ release(): Promise<void> }> {
  await refuseIfServed(dataDir);
  const lock: ServerLock = { pid: process.pid, url, startedAt: new Date().toISOString() };
  await writeFile(lockFile(dataDir), JSON.stringify(lock), { mode: 0o600 });
  return { release: () => rm(lockFile(dataDir), { force: true }) };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
