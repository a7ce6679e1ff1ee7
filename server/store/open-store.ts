import { chmod, mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Low, Memory } from 'lowdb';
import type { Retention } from './execution-index.js';
import { ExecutionLog, openExecutionLog, type ExecutionLogOptions } from './execution-log.js';
import { createFileSegments } from './file-segments.js';
import { createEmptyFlowData, type FlowData } from './flow-data.js';
import { LowdbFlowStore, createLowdbFlowStore, openLowdbFlowStore } from './lowdb-flow-store.js';
import { createMemorySegments } from './segment-storage.js';
import { StorageHealth, probeDataDir } from './storage-health.js';
import type { Store, StoreLogger } from './types.js';

export interface StoreOptions {
  /** Created (mode 0700: it holds webhook tokens, secrets and customer data) when missing; tightened to 0700 when others may read it. */
  dataDir: string;
  /** Execution history to keep; defaults to 14 days and 10,000 executions. */
  retention?: Partial<Retention>;
  /** fdatasync each batch of execution records before their saves resolve (default false). */
  fsync?: boolean;
  /** Node inputs and outputs and results larger than this are recorded as a marker (default 256 KiB). */
  recordMaxValueBytes?: number;
  logger?: StoreLogger;
}

/**
 * Opens the embedded store in `dataDir`: flows and counters in `hookflow.json` (lowdb), execution
 * history in `executions/*.jsonl`. Everything else talks to the `Store` interface, so a server
 * database can take its place later.
 *
 * @example
 * const store = await openStore({ dataDir: './data', fsync: true });
 */
export async function openStore(options: StoreOptions): Promise<Store> {
  const executionsDir = join(options.dataDir, 'executions');
  await mkdir(executionsDir, { recursive: true, mode: 0o700 });
  await keepPrivate(options.dataDir, options.logger);
  const logger = options.logger ? { logger: options.logger } : {};
  // One health for both: a full disk seen by either write makes intake refuse calls until a probe write works.
  const health = new StorageHealth({ probe: () => probeDataDir(options.dataDir), ...logger });
  const flows = await openLowdbFlowStore(join(options.dataDir, 'hookflow.json'), { health, ...logger });
  const executions = await openExecutionLog({
    segments: createFileSegments(executionsDir, { fsync: options.fsync ?? false }),
    health,
    ...(options.retention ? { retention: options.retention } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.recordMaxValueBytes ? { maxValueBytes: options.recordMaxValueBytes } : {}),
  });
  return combineStores(flows, executions);
}

/**
 * Makes the data directory 0700 when its group or others may enter it. The files inside hold
 * webhook tokens and customer data, and not every file in it is written 0600 (samples.json takes
 * the process's umask), so the directory is what keeps other users of the machine out.
 */
async function keepPrivate(dataDir: string, logger: StoreLogger | undefined): Promise<void> {
  const mode = (await stat(dataDir)).mode & 0o777;
  if ((mode & 0o077) === 0) return;
  await chmod(dataDir, 0o700);
  logger?.(`The data directory ${dataDir} was open to other users (mode ${mode.toString(8)}); it is now 0700.`);
}

/**
 * A store that lives in memory, for unit tests: lowdb's Memory adapter for flows, and the same
 * execution log as `openStore` over in-memory segments, so the semantics are the real ones.
 */
export function createMemoryStore(options: Omit<ExecutionLogOptions, 'segments'> = {}): Store {
  const flows = createLowdbFlowStore(new Low<FlowData>(new Memory<FlowData>(), createEmptyFlowData()));
  return combineStores(flows, new ExecutionLog({ ...options, segments: createMemorySegments() }));
}

function combineStores(flows: LowdbFlowStore, executions: ExecutionLog): Store {
  return {
    flows,
    executions,
    async close() {
      await Promise.all([flows.close(), executions.close()]);
    },
  };
}
