import { z } from 'zod';
import { flowSchema } from '../engine/flow-schema.js';
import { FlowError } from '../errors.js';
import type { FlowRevision, StoredFlow } from './types.js';

/** How many previous versions of each flow are kept for replay (the current one comes on top). */
export const keptRevisions = 20;

/** A flow as the store holds it: the current version and the previous ones, oldest first. */
export interface FlowEntry {
  current: StoredFlow;
  previous: FlowRevision[];
}

/** The store's working state. Maps, not plain objects, so that a counter named `__proto__` is just a name. */
export interface FlowState {
  flows: Map<string, FlowEntry>;
  counters: Map<string, number>;
}

/** The document in `<dataDir>/hookflow.json`. */
export interface FlowData {
  format: 1;
  flows: Record<string, FlowEntry>;
  counters: Record<string, number>;
}

const timestamp = z.string().min(1);

const storedFlowSchema = z.object({
  flow: flowSchema,
  version: z.number().int().positive(),
  token: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: timestamp,
  updatedAt: timestamp,
});

const revisionSchema = z.object({ version: z.number().int().positive(), flow: flowSchema, savedAt: timestamp });

/**
 * A JSON object read as a Map. A zod record would silently drop a `__proto__` key; reading the
 * object's own entries keeps every name as data.
 */
function dictionary<V extends z.ZodType>(value: V) {
  return z
    .preprocess((input) => (isObject(input) ? Object.entries(input) : input), z.array(z.tuple([z.string(), value])))
    .transform((entries) => new Map(entries as Array<[string, z.output<V>]>));
}

const flowDataSchema = z.object({
  format: z.literal(1),
  flows: dictionary(z.object({ current: storedFlowSchema, previous: z.array(revisionSchema).max(keptRevisions) })),
  counters: dictionary(z.number().finite()),
});

/** What a new data file starts with. */
export const createEmptyFlowData = (): FlowData => ({ format: 1, flows: {}, counters: {} });

/**
 * Checks what was read from disk and turns it into working state, frozen so that a caller who
 * changes a returned flow gets an error instead of silently changing the store.
 */
export function parseFlowData(data: unknown, source: string): FlowState {
  const parsed = flowDataSchema.safeParse(data);
  if (!parsed.success) {
    throw new FlowError('STORE_UNREADABLE', `${source} is not a Hookflow data file this version can read:\n${z.prettifyError(parsed.error)}`);
  }
  const flows = new Map<string, FlowEntry>();
  for (const entry of parsed.data.flows.values()) flows.set(entry.current.flow.id, freezeDeep(entry));
  return { flows, counters: parsed.data.counters };
}

/** The document to write for the current state. */
export function toFlowData(state: FlowState): FlowData {
  return { format: 1, flows: Object.fromEntries(state.flows), counters: Object.fromEntries(state.counters) };
}

/** Freezes a value and everything it holds; returns it for chaining. */
export function freezeDeep<T>(value: T): T {
  if (isObject(value) && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) freezeDeep(child);
  }
  return value;
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}
