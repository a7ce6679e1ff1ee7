import type { Config } from '../config.js';
import { expandRecord } from '../engine/compact-record.js';
import { FlowError } from '../errors.js';
import { ExecutionNotFoundError } from '../routes/execution-errors.js';
import { readServerLock } from '../runtime/server-lock.js';
import { openStore } from '../store/open-store.js';
import type { ExecutionPage, ExecutionRecord, ExecutionStatus } from '../store/types.js';
import { createRemoteCall } from './remote-admin.js';

/** Where a re-run starts: the trigger, or the node that failed (with its recorded input). */
export type RerunFrom = 'start' | 'failed-node';

export interface ExecutionFilter {
  flowId?: string;
  status?: ExecutionStatus;
  limit: number;
}

/** What `hookflow executions …` needs: the running server's API, or the data directory when none runs. */
export interface ExecutionAdmin {
  list(filter: ExecutionFilter): Promise<ExecutionPage>;
  /** The record with its references expanded, as the API shows it; rejects for an unknown id. */
  get(id: string): Promise<ExecutionRecord>;
  rerun(id: string, from: RerunFrom): Promise<{ executionId: string; status: string }>;
  close(): Promise<void>;
}

/** A re-run asked of the CLI while no server holds the data directory. */
export class ServerNeededError extends FlowError {
  constructor(dataDir: string) {
    super(
      'SERVER_NOT_RUNNING',
      `Re-running an execution needs the Hookflow server, which runs flows with their credentials and records the new execution, and none serves ${dataDir}. Start it (\`hookflow start\`) and run this command again: the CLI then goes through its API, with the token in HOOKFLOW_TOKEN.`,
      409,
    );
  }
}

/** The running server's API when one holds `config.dataDir`, else the execution history on disk. */
export async function openExecutionAdmin(config: Config, token: string | undefined): Promise<ExecutionAdmin> {
  const lock = await readServerLock(config.dataDir);
  return lock ? createRemoteExecutionAdmin(lock.url, token) : createLocalExecutionAdmin(config);
}

function createRemoteExecutionAdmin(baseUrl: string, token: string | undefined): ExecutionAdmin {
  const call = createRemoteCall(baseUrl, token);
  const path = (id: string) => `/api/executions/${encodeURIComponent(id)}`;
  return {
    list({ flowId, status, limit }) {
      const query = new URLSearchParams({ limit: String(limit), ...(flowId ? { flowId } : {}), ...(status ? { status } : {}) });
      return call(`/api/executions?${query}`);
    },
    get: (id) => call(path(id)),
    rerun: (id, from) => call(`${path(id)}/rerun`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from }) }),
    close: async () => undefined,
  };
}

/** Reads the history in the data directory; only used when no server holds it. */
async function createLocalExecutionAdmin(config: Config): Promise<ExecutionAdmin> {
  const store = await openStore({ dataDir: config.dataDir, retention: config.retention, fsync: false });
  return {
    list: (filter) => store.executions.list(filter),
    async get(id) {
      const record = await store.executions.get(id);
      if (!record) throw new ExecutionNotFoundError(id);
      return expandRecord(record);
    },
    async rerun(id) {
      if (!(await store.executions.get(id))) throw new ExecutionNotFoundError(id);
      throw new ServerNeededError(config.dataDir);
    },
    close: () => store.close(),
  };
}
