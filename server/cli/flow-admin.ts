import type { FlowFile } from '../engine/flow-schema.js';
import type { FlowBundle } from '../runtime/flow-files.js';

/** A flow as the CLI lists it (the API's summary shape). */
export interface FlowSummary {
  id: string;
  name: string;
  active: boolean;
  version: number;
  /** Null for a flow no webhook starts (an error-handler flow). */
  webhook: { url: string; testUrl: string } | null;
}

/**
 * What the CLI's admin commands need. Two implementations: the REST API of the server that
 * holds the data directory, or the data directory itself when no server runs — so the CLI never
 * writes files underneath a running server.
 */
export interface FlowAdmin {
  list(): Promise<FlowSummary[]>;
  exportFlow(id: string): Promise<FlowFile>;
  exportAll(): Promise<FlowBundle>;
  importDocument(document: unknown, replace: boolean): Promise<FlowSummary[]>;
  close(): Promise<void>;
}
