import type { FlowFile } from '../engine/flow-schema.js';
import type { NodeTrace, RunStatus } from '../engine/run-flow.js';

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

export interface FlowStore {
  list(): Promise<StoredFlow[]>;
  get(id: string): Promise<StoredFlow | undefined>;
  /**
   * Stores a new flow (version 1) with a fresh token. Rejects with FlowConflictError-like
   * `FlowError` code FLOW_EXISTS (409) when the id is taken.
   */
  create(flow: FlowFile): Promise<StoredFlow>;
  /**
   * Replaces a flow. When `expectedVersion` is given and differs from the stored version, rejects
   * with FlowConflictError (409). Rejects with FlowNotFoundError (404) for an unknown id.
   */
  update(flow: FlowFile, expectedVersion?: number): Promise<StoredFlow>;
  /** Removes a flow; false when there was none. */
  remove(id: string): Promise<boolean>;
  /** Gives the flow a new secret token; the old URL stops answering at once. */
  rotateToken(id: string): Promise<StoredFlow>;
  /** Next value of a persistent named sequence (first call returns `start`). Durable before it resolves. */
  nextCounterValue(name: string, start: number, step: number): Promise<number>;
}

export type ExecutionStatus = 'queued' | 'running' | RunStatus;

/** The request that triggered an execution, as recorded (auth headers redacted). */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  query: Record<string, string | string[]>;
  body: unknown;
}

export interface ExecutionRecord {
  id: string;
  flowId: string;
  flowVersion: number;
  /** `test` for /webhook-test and editor previews, `webhook` for live calls, `cli` for `hookflow run`. */
  mode: 'webhook' | 'test' | 'cli' | 'api';
  status: ExecutionStatus;
  startedAt: string;
  finishedAt?: string;
  durationMs?: number;
  request: RecordedRequest;
  nodes: NodeTrace[];
  result?: unknown;
  error?: { nodeId?: string; code: string; message: string };
}

/** What a listing shows of an execution. */
export type ExecutionSummary = Pick<ExecutionRecord, 'id' | 'flowId' | 'flowVersion' | 'mode' | 'status' | 'startedAt' | 'finishedAt' | 'durationMs'> & {
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

export interface ExecutionStore {
  /**
   * Records (or replaces, by id) an execution. Writes are batched: the promise resolves once the
   * batch holding this record is on disk. Callers on the hot path may leave it un-awaited.
   */
  save(record: ExecutionRecord): Promise<void>;
  get(id: string): Promise<ExecutionRecord | undefined>;
  /** Newest first. */
  list(query: ExecutionQuery): Promise<ExecutionPage>;
  /** Applies the retention settings now (also runs on its own as records are written). */
  prune(): Promise<number>;
  /** Writes anything still buffered and releases file handles. */
  close(): Promise<void>;
}

export interface Store {
  flows: FlowStore;
  executions: ExecutionStore;
  close(): Promise<void>;
}
