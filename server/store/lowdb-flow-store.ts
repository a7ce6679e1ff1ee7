import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { Low } from 'lowdb';
import type { FlowFile } from '../engine/flow-schema.js';
import { FlowConflictError, FlowExistsError, FlowNotFoundError } from '../errors.js';
import {
  createEmptyFlowData,
  freezeDeep,
  keptRevisions,
  parseFlowData,
  toFlowData,
  type FlowData,
  type FlowEntry,
  type FlowState,
} from './flow-data.js';
import { GroupCommit } from './group-commit.js';
import { KeptJSONFile, type KeptJSONFileOptions } from './kept-json-file.js';
import { createMemorySampleStore, openSampleStore, type SampleStore } from './sample-store.js';
import type { FlowRevision, FlowSample, FlowStore, StoredFlow } from './types.js';
import { WebhookIndex } from './webhook-index.js';

/**
 * The embedded FlowStore: one lowdb document holding every flow (with its previous versions) and
 * every named counter. Reads come from memory; each change is applied in memory first (so checks
 * and changes cannot interleave) and then written. Changes made while a write is in flight share
 * the next write, so 200 concurrent counter calls cost a handful of file writes, not 200.
 */
export class LowdbFlowStore implements FlowStore {
  readonly #db: Low<FlowData>;
  readonly #state: FlowState;
  readonly #addresses = new WebhookIndex();
  readonly #writes = new GroupCommit<void>({ commit: () => this.#write() });
  readonly #samples: SampleStore;

  /** `db` must already hold the stored data (call `db.read()` first); see `openLowdbFlowStore`. */
  constructor(db: Low<FlowData>, source = 'The flow data', samples = createMemorySampleStore()) {
    this.#db = db;
    this.#samples = samples;
    this.#state = parseFlowData(db.data, source);
    for (const entry of this.#state.flows.values()) this.#addresses.add(entry.current);
  }

  async list(): Promise<StoredFlow[]> {
    return [...this.#state.flows.values()].map((entry) => entry.current);
  }

  async get(id: string): Promise<StoredFlow | undefined> {
    return this.#state.flows.get(id)?.current;
  }

  async getVersion(id: string, version: number): Promise<FlowRevision | undefined> {
    const entry = this.#state.flows.get(id);
    if (entry?.current.version === version) return toRevision(entry.current);
    return entry?.previous.find((revision) => revision.version === version);
  }

  findByWebhookPath(path: string): StoredFlow | undefined {
    const id = this.#addresses.findOwner(path);
    return id === undefined ? undefined : this.#state.flows.get(id)?.current;
  }

  async create(flow: FlowFile): Promise<StoredFlow> {
    if (this.#state.flows.has(flow.id)) throw new FlowExistsError(flow.id);
    this.#addresses.assertPathFree(flow);
    const now = new Date().toISOString();
    const stored = freezeDeep({ flow: structuredClone(flow), version: 1, token: this.#createToken(), createdAt: now, updatedAt: now });
    this.#state.flows.set(flow.id, freezeDeep({ current: stored, previous: [] }));
    this.#addresses.add(stored);
    // A sample left behind by a crash between removing a flow and removing its sample is not the new flow's.
    await Promise.all([this.#writes.add(), this.#samples.delete(flow.id)]);
    return stored;
  }

  async update(flow: FlowFile, expectedVersion?: number): Promise<StoredFlow> {
    const entry = this.#requireEntry(flow.id);
    const { current } = entry;
    if (expectedVersion !== undefined && expectedVersion !== current.version) {
      throw new FlowConflictError(flow.id, expectedVersion, current.version);
    }
    this.#addresses.assertPathFree(flow);
    const stored = freezeDeep({ ...current, flow: structuredClone(flow), version: current.version + 1, updatedAt: new Date().toISOString() });
    const previous = [...entry.previous, toRevision(current)].slice(-keptRevisions);
    this.#replace(entry, { current: stored, previous });
    await this.#writes.add();
    return stored;
  }

  async remove(id: string): Promise<boolean> {
    const entry = this.#state.flows.get(id);
    if (!entry) return false;
    this.#state.flows.delete(id);
    this.#addresses.delete(entry.current);
    await Promise.all([this.#writes.add(), this.#samples.delete(id)]);
    return true;
  }

  /** Keeps the version: a new token is not a change to the flow. */
  async rotateToken(id: string): Promise<StoredFlow> {
    const entry = this.#requireEntry(id);
    const stored = freezeDeep({ ...entry.current, token: this.#createToken() });
    this.#replace(entry, { ...entry, current: stored });
    await this.#writes.add();
    return stored;
  }

  async nextCounterValue(name: string, start: number, step: number): Promise<number> {
    const last = this.#state.counters.get(name);
    const value = last === undefined ? start : last + step;
    this.#state.counters.set(name, value);
    await this.#writes.add();
    return value;
  }

  async getSample(flowId: string): Promise<FlowSample | undefined> {
    this.#requireEntry(flowId);
    return this.#samples.get(flowId);
  }

  async saveSample(flowId: string, sample: FlowSample): Promise<FlowSample> {
    this.#requireEntry(flowId);
    const kept = freezeDeep(structuredClone(sample));
    await this.#samples.set(flowId, kept);
    return kept;
  }

  /** Waits for every change made so far to be written. */
  async close(): Promise<void> {
    await Promise.all([this.#writes.drain(), this.#samples.close()]);
  }

  #requireEntry(id: string): FlowEntry {
    const entry = this.#state.flows.get(id);
    if (!entry) throw new FlowNotFoundError(`"${id}"`);
    return entry;
  }

  #replace(entry: FlowEntry, next: FlowEntry): void {
    this.#state.flows.set(next.current.flow.id, freezeDeep(next));
    this.#addresses.replace(entry.current, next.current);
  }

  #createToken(): string {
    let token = randomBytes(32).toString('hex');
    while (!this.#addresses.isFree(token)) token = randomBytes(32).toString('hex');
    return token;
  }

  /** The snapshot is taken when the write starts, so one write carries every change queued before it. */
  async #write(): Promise<void> {
    this.#db.data = toFlowData(this.#state);
    await this.#db.write();
  }
}

/** A flow store over an already-read lowdb database (e.g. `new Low(new Memory(), createEmptyFlowData())`). */
export function createLowdbFlowStore(db: Low<FlowData>): LowdbFlowStore {
  return new LowdbFlowStore(db);
}

/** How the flow file is kept: see KeptJSONFile. */
export type FlowFileOptions = Pick<KeptJSONFileOptions, 'logger' | 'health' | 'fsync'>;

/**
 * Opens (or starts) the flow store kept in `file`, with the flows' samples in `samples.json` next
 * to it. Every write replaces the file and its last good copy `<file>.bak` (each a temporary file
 * renamed into place, so a crash mid-write leaves the previous document); a damaged file is
 * restored from the copy at open (see KeptJSONFile).
 */
export async function openLowdbFlowStore(file: string, options: FlowFileOptions = {}): Promise<LowdbFlowStore> {
  const validate = (data: unknown) => void parseFlowData(data, 'its content');
  const db = new Low<FlowData>(new KeptJSONFile<FlowData>(file, { ...options, what: 'flow data file', validate }), createEmptyFlowData());
  await db.read();
  return new LowdbFlowStore(db, file, await openSampleStore(join(dirname(file), 'samples.json')));
}

function toRevision(stored: StoredFlow): FlowRevision {
  return freezeDeep({ version: stored.version, flow: stored.flow, savedAt: stored.updatedAt });
}
