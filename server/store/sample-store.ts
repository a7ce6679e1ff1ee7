import { Low, Memory } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { z } from 'zod';
import { FlowError } from '../errors.js';
import { GroupCommit } from './group-commit.js';
import type { FlowSample } from './types.js';

/** The document in `<dataDir>/samples.json`: each flow's sample request, by flow id. */
export interface SampleData {
  format: 1;
  samples: Record<string, FlowSample>;
}

const sampleSchema = z.object({
  method: z.string(),
  path: z.string(),
  headers: z.record(z.string(), z.string()),
  query: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  body: z.unknown(),
  receivedAt: z.string(),
});

const sampleDataSchema = z.object({
  format: z.literal(1),
  samples: z.preprocess((input) => (input !== null && typeof input === 'object' ? Object.entries(input) : input), z.array(z.tuple([z.string(), sampleSchema]))),
});

const createEmptySampleData = (): SampleData => ({ format: 1, samples: {} });

/**
 * The sample request of each flow, kept in a lowdb document of its own: a sample may be a
 * megabyte, and the flow document is rewritten on every counter step.
 */
export class SampleStore {
  readonly #db: Low<SampleData>;
  readonly #samples = new Map<string, FlowSample>();
  readonly #writes = new GroupCommit<void>({ commit: () => this.#write() });

  /** `db` must already hold the stored data (call `db.read()` first). */
  constructor(db: Low<SampleData>, source = 'The sample data') {
    this.#db = db;
    const parsed = sampleDataSchema.safeParse(db.data);
    if (!parsed.success) {
      throw new FlowError('STORE_UNREADABLE', `${source} is not a Hookflow sample file this version can read:\n${z.prettifyError(parsed.error)}`);
    }
    for (const [flowId, sample] of parsed.data.samples) this.#samples.set(flowId, sample as FlowSample);
  }

  get(flowId: string): FlowSample | undefined {
    return this.#samples.get(flowId);
  }

  async set(flowId: string, sample: FlowSample): Promise<void> {
    this.#samples.set(flowId, sample);
    await this.#writes.add();
  }

  async delete(flowId: string): Promise<void> {
    if (this.#samples.delete(flowId)) await this.#writes.add();
  }

  async close(): Promise<void> {
    await this.#writes.drain();
  }

  async #write(): Promise<void> {
    this.#db.data = { format: 1, samples: Object.fromEntries(this.#samples) };
    await this.#db.write();
  }
}

export function createMemorySampleStore(): SampleStore {
  return new SampleStore(new Low<SampleData>(new Memory<SampleData>(), createEmptySampleData()));
}

/** Opens (or starts) the samples kept in `file`, written by write-then-rename like the flows. */
export async function openSampleStore(file: string): Promise<SampleStore> {
  const db = new Low<SampleData>(new JSONFile<SampleData>(file), createEmptySampleData());
  await db.read();
  return new SampleStore(db, file);
}
