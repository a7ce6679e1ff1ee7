import type { FlowFile } from '../engine/flow-schema.js';
import type { NodeTrace, RunState, RunStatus } from '../engine/run-flow.js';

/** A stored flow: the document plus what the server keeps about it (never exported). */
export interface StoredFlow {
  flow: FlowFile;
  /** Starts at 1; every successful update adds 1. */
  version: number;
  /** The secret webhook token (64 hex chars): the flow answers at /webhook/<token>. */
  token: string;
  createdAt: string;
  updatedAt: string;
}

/** One saved version of a flow, kept so that an execution can be replayed against the flow it ran. */
export interface FlowRevision {
  version: number;
  flow: FlowFile;
  /** When this version was saved (its `updatedAt` while it was current). */
  savedAt: string;
}

/**
 * Where flows, their tokens and named counters live. Returned objects are frozen snapshots: copy
 * before changing them.
 */
export interface FlowStore {
  list(): Promise<StoredFlow[]>;
  get(id: string): Promise<StoredFlow | undefined>;
  /**
   * The flow as it was at `version`: the current one or one of the (at most 20) previous versions
   * kept; undefined when the flow or that version is gone.
   */
  getVersion(id: string, version: number): Promise<FlowRevision | undefined>;
  /**
   * The flow answering `/webhook/<path>`: `path` is either a flow's token or its custom path (see
   * `customWebhookPath`), without a leading slash. Synchronous because the webhook hot path calls
   * it on every request; inactive flows are found too (the caller decides what they answer), flows
   * that no webhook starts (error-handler flows) never.
   */
  findByWebhookPath(path: string): StoredFlow | undefined;
  /**
   * Stores a new flow (version 1) with a fresh token. Rejects with FlowExistsError (409) when the
   * id is taken and with WebhookPathTakenError (409) when its custom path is another flow's.
   */
  create(flow: FlowFile): Promise<StoredFlow>;
  /**
   * Replaces a flow. When `expectedVersion` is given and differs from the stored version, rejects
   * with FlowConflictError (409). Rejects with FlowNotFoundError (404) for an unknown id and with
   * WebhookPathTakenError (409) when its custom path is another flow's.
   */
  update(flow: FlowFile, expectedVersion?: number): Promise<StoredFlow>;
  /** Removes a flow; false when there was none. */
  remove(id: string): Promise<boolean>;
  /** Gives the flow a new secret token; the old URL stops answering at once. */
  rotateToken(id: string): Promise<StoredFlow>;
  /** Next value of a persistent named sequence (first call returns `start`). Durable before it resolves. */
  nextCounterValue(name: string, start: number, step: number): Promise<number>;
  /** The request the flow is previewed with; undefined when it has none. Rejects with FlowNotFoundError (404) for an unknown flow. */
  getSample(flowId: string): Promise<FlowSample | undefined>;
  /** Stores (replaces) the flow's sample; removing the flow removes it. Rejects with FlowNotFoundError (404) for an unknown flow. */
  saveSample(flowId: string, sample: FlowSample): Promise<FlowSample>;
}

/**
 * The request a flow is previewed with, credentials redacted. It may hold customer data, so it
 * is kept apart from the flow document and never exported with it.
 */
export interface FlowSample extends RecordedRequest {
  receivedAt: string;
}

/** `waiting`: paused in a delay or a wait-for-webhook node, its state persisted; see `resumeAt`. */
export type ExecutionStatus = 'queued' | 'running' | 'waiting' | RunStatus;

/** The request that triggered an execution, as recorded (auth headers redacted). */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  query: Record<string, string | string[]>;
  body: unknown;
}

/** A node's trace as stored: `inputRef`/`outputRef` stand for a value stored elsewhere in the record. */
export type RecordedNode = Omit<NodeTrace, 'input'> & { input?: unknown; inputRef?: string; outputRef?: string };

export interface ExecutionRecord {
  id: string;
  flowId: string;
  flowVersion: number;
  /** `test` for /webhook-test and editor previews, `webhook` for live calls, `cli` for `hookflow run`, `api` for re-runs, `error` for an error-handler flow's run. */
  mode: 'webhook' | 'test' | 'cli' | 'api' | 'error';
  status: ExecutionStatus;
  startedAt: string;
  finishedAt?: string;
  durationMs?: number;
  request: RecordedRequest;
  nodes: RecordedNode[];
  result?: unknown;
  /** Stands for `result` when the result is stored elsewhere in the record (a node's output). */
  resultRef?: string;
  error?: { nodeId?: string; code: string; message: string };
  /** Set when the payloads could not be recorded (and were left out): says why. */
  truncated?: string;
  /** While `waiting`: when the execution resumes on its own (a delay's end, a wait's timeout). */
  resumeAt?: string;
  /** Each time the execution was picked up again after a restart, a wait or a re-run from a node. */
  resumed?: ResumeNote[];
  /**
   * While `running` or `waiting`: the persisted machine state it resumes from after a restart
   * (credentials redacted, the trigger as recorded). Absent from final records.
   */
  resume?: RunState;
}

/** Why and where an execution continued. */
export interface ResumeNote {
  at: string;
  /** `restart`: recovered after the server stopped; `wait`: a delay or a resume call ended a wait. */
  reason: 'restart' | 'wait' | 'rerun';
  /** `snapshot`: from its persisted machine state; `node`: the interrupted node was run again; `start`: run again from the trigger. */
  from: 'snapshot' | 'node' | 'start';
  nodeId?: string;
}

/** What a listing shows of an execution. */
export type ExecutionSummary = Pick<ExecutionRecord, 'id' | 'flowId' | 'flowVersion' | 'mode' | 'status' | 'startedAt' | 'finishedAt' | 'durationMs' | 'resumeAt'> & {
  error?: ExecutionRecord['error'];
};

export interface ExecutionQuery {
  flowId?: string;
  status?: ExecutionStatus;
  /** Page size (1..500). */
  limit: number;
  /** Opaque cursor from a previous page's `nextCursor`. */
  cursor?: string;
}

export interface ExecutionPage {
  items: ExecutionSummary[];
  nextCursor?: string;
  total: number;
}

export interface SaveOptions {
  /**
   * The save is a promise to a caller (a 202 that accepts an event, a resume call's 202): it must
   * survive power loss, not only a crash of the process. Other saves (progress, final records)
   * can be redone from the last durable one, so they skip the flush.
   */
  durable?: boolean;
}

export interface ExecutionStore {
  /**
   * Records (or replaces, by id: the last save wins) an execution. Writes are batched: the promise
   * resolves once the batch holding this record is written (and, for a `durable` save, fdatasync'd
   * when the store was opened with `fsync`); until then `get` and `list` do not show it. Callers
   * on the hot path may leave it un-awaited.
   */
  save(record: ExecutionRecord, options?: SaveOptions): Promise<void>;
  /** A fresh copy of the latest saved record; undefined when unknown or past retention. */
  get(id: string): Promise<ExecutionRecord | undefined>;
  /** Newest first (by `startedAt`), records past retention left out; rejects a bad cursor or limit with 400. */
  list(query: ExecutionQuery): Promise<ExecutionPage>;
  /** Applies the retention settings now (also runs on its own as records are written). */
  prune(): Promise<number>;
  /**
   * While writes fail because of the disk (full, quota, read-only, I/O errors): a message for the
   * admin saying so. Undefined while the storage is healthy; recovery is noticed without traffic.
   * Intake refuses new calls (503 STORAGE_UNAVAILABLE) while it is set.
   */
  storageProblem(): string | undefined;
  /** Writes anything still buffered and releases file handles. */
  close(): Promise<void>;
}

/** Where the store reports what it recovered from (a torn last line after a crash, say); never fatal. */
export type StoreLogger = (message: string, details?: Record<string, unknown>) => void;

export interface Store {
  flows: FlowStore;
  executions: ExecutionStore;
  close(): Promise<void>;
}
