import type { FlowEdge, FlowFile, FlowNode } from '../../../server/engine/flow-schema.js';

/** The flow document as the API and flow files hold it (schemaVersion 1). */
export type FlowDocument = FlowFile;
export type { FlowEdge, FlowNode };

export interface WebhookUrls {
  url: string;
  testUrl: string;
}

/** `GET /api/flows` items. */
export interface FlowSummary {
  id: string;
  name: string;
  active: boolean;
  version: number;
  nodeCount: number;
  /** Null for a flow no webhook starts (an error-handler flow). */
  webhook: WebhookUrls | null;
  createdAt: string;
  updatedAt: string;
}

/** `GET /api/flows/:id`. */
export interface StoredFlowView {
  flow: FlowDocument;
  version: number;
  /** Null for a flow no webhook starts (an error-handler flow). */
  webhook: WebhookUrls | null;
  createdAt: string;
  updatedAt: string;
}

export type NodeCategory = 'trigger' | 'transform' | 'logic' | 'action';

/** A JSON Schema as `GET /api/node-types` serves it (zod's `toJSONSchema`, with `title`, `description`, `widget`). */
export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  widget?: string;
  /** With `widget: 'credential'`: the credential types the field accepts (server/credentials/types.ts). */
  credentialTypes?: string[];
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
}

/** `GET /api/node-types` items. */
export interface NodeType {
  type: string;
  label: string;
  category: NodeCategory;
  description: string;
  outputs: string[];
  join?: boolean;
  waits?: boolean;
  configSchema: JsonSchema;
}

/** One problem of a flow, as the API reports it (400 `FLOW_INVALID`). */
export interface FlowProblem {
  path: string;
  message: string;
  nodeId?: string;
}

/** `waiting`: paused in a delay or a wait-for-webhook node until `resumeAt` (or a resume call). */
export type ExecutionStatus = 'queued' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'timeout';

/** `GET /api/executions` items. */
export interface ExecutionSummary {
  id: string;
  flowId: string;
  flowVersion: number;
  /** `error`: a run of an error-handler flow. */
  mode: 'webhook' | 'test' | 'cli' | 'api' | 'error';
  status: ExecutionStatus;
  startedAt: string;
  finishedAt?: string;
  durationMs?: number;
  /** While `waiting`: when the execution goes on by itself. */
  resumeAt?: string;
  error?: { nodeId?: string; code: string; message: string };
}

export interface ExecutionPage {
  items: ExecutionSummary[];
  nextCursor?: string;
  total: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  query: Record<string, string | string[]>;
  body: unknown;
}

/** One node of an execution as `GET /api/executions/:id` serves it (references expanded). */
export interface ExecutionNode {
  nodeId: string;
  type: string;
  status: 'running' | 'waiting' | 'succeeded' | 'failed';
  input?: unknown;
  output?: unknown;
  port?: string;
  error?: string;
  startedAt: number;
  durationMs?: number;
}

/** `GET /api/executions/:id`. */
export interface ExecutionRecord extends ExecutionSummary {
  request: RecordedRequest;
  nodes: ExecutionNode[];
  result?: unknown;
  truncated?: string;
  /** Each time the execution was picked up again. */
  resumed?: ResumeNote[];
}

/** Why and where an execution went on: after a restart, a wait, or as a re-run; from its saved state, a node, or the start. */
export interface ResumeNote {
  at: string;
  reason: 'restart' | 'wait' | 'rerun';
  from: 'snapshot' | 'node' | 'start';
  nodeId?: string;
}
