import { FlowError } from '../errors.js';
import { ExecutionIndex, defaultRetention, type Retention } from './execution-index.js';
import { parseSegment, summarise, type CompactSummary } from './execution-summary.js';
import { GroupCommit } from './group-commit.js';
import { LruCache } from './lru-cache.js';
import type { SegmentStorage } from './segment-storage.js';
import type { ExecutionPage, ExecutionQuery, ExecutionRecord, ExecutionStore, StoreLogger } from './types.js';

export interface ExecutionLogOptions {
  segments: SegmentStorage;
  retention?: Partial<Retention>;
  logger?: StoreLogger;
  /** Roll to a new segment after this many records (default 2,000)… */
  segmentMaxRecords?: number;
  /** …or this many bytes (default 8 MiB), whichever comes first. */
  segmentMaxBytes?: number;
  /** How long a save waits for others to share its write (default 2 ms). */
  batchWindowMs?: number;
  /** How many of the newest records `get` serves from memory (default 200; older ones are one read away). */
  cacheSize?: number;
  /** The clock retention measures age against (tests pass a fixed one). */
  now?: () => number;
}

interface PendingLine {
  summary: CompactSummary;
  startedMs: number;
  text: string;
  /** UTF-8 length of `text`, without the newline. */
  length: number;
}

/**
 * The embedded ExecutionStore: an append-only JSON Lines log in numbered segments. A save costs
 * one line in one shared write (group commit), whatever the history's size; an in-memory index
 * answers `list`, and `get` reads one line by offset when the record has left the cache. Whole
 * segments are deleted once retention has passed every record in them.
 */
export class ExecutionLog implements ExecutionStore {
  readonly #segments: SegmentStorage;
  readonly #index: ExecutionIndex;
  readonly #cache: LruCache<string, string>;
  readonly #writes: GroupCommit<PendingLine>;
  readonly #warn: StoreLogger;
  readonly #maxRecords: number;
  readonly #maxBytes: number;
  #active = { seq: 1, records: 0, bytes: 0, broken: false };
  #pruning: Promise<void> = Promise.resolve();
  #closed = false;

  /** Starts on empty storage; to continue an existing log use `openExecutionLog`. */
  constructor(options: ExecutionLogOptions) {
    this.#segments = options.segments;
    this.#index = new ExecutionIndex({ ...defaultRetention, ...options.retention }, options.now ?? Date.now);
    this.#cache = new LruCache(options.cacheSize ?? 200);
    this.#warn = options.logger ?? (() => {});
    this.#maxRecords = options.segmentMaxRecords ?? 2_000;
    this.#maxBytes = options.segmentMaxBytes ?? 8 * 1024 * 1024;
    this.#writes = new GroupCommit({
      commit: (lines) => this.#append(lines),
      windowMs: options.batchWindowMs ?? 2,
      maxItems: 1_000,
      sizeOf: (line) => line.length + 1,
      maxSize: 1024 * 1024,
    });
  }

  /** Opens the log kept in `options.segments`: reads every segment to rebuild the index, then prunes. */
  static async open(options: ExecutionLogOptions): Promise<ExecutionLog> {
    const log = new ExecutionLog(options);
    for (const seq of await options.segments.listSegments()) {
      const data = await options.segments.readSegment(seq);
      const lines = parseSegment(seq, data, log.#warn);
      log.#index.addSegment(seq);
      for (const { summary, startedMs, offset, length, text } of lines) {
        log.#index.upsert({ ...summary, startedMs, seq, offset, length });
        log.#cache.set(summary.id, text);
      }
      // Appending after a torn tail would glue the next record onto it: start a fresh segment.
      log.#active = { seq, records: lines.length, bytes: data.length, broken: data.length > 0 && data.at(-1) !== 0x0a };
    }
    await log.prune();
    return log;
  }

  async save(record: ExecutionRecord): Promise<void> {
    if (this.#closed) throw new FlowError('STORE_CLOSED', 'The execution log is closed.');
    const startedMs = Date.parse(record.startedAt);
    if (!Number.isFinite(startedMs)) throw new FlowError('EXECUTION_INVALID', `Execution "${record.id}" has no valid startedAt.`);
    const text = JSON.stringify(record);
    await this.#writes.add({ summary: summarise(record), startedMs, text, length: Buffer.byteLength(text) });
  }

  async get(id: string): Promise<ExecutionRecord | undefined> {
    const entry = this.#index.get(id);
    if (!entry) return undefined;
    let text = this.#cache.get(id);
    if (text === undefined) {
      const bytes = await this.#segments.readRange(entry.seq, entry.offset, entry.length);
      if (!bytes || bytes.length < entry.length) return undefined;
      text = bytes.toString('utf8');
      // A save may have landed while we read; only the newest line belongs in the cache.
      if (this.#index.get(id) === entry) this.#cache.set(id, text);
    }
    return JSON.parse(text) as ExecutionRecord;
  }

  async list(query: ExecutionQuery): Promise<ExecutionPage> {
    return this.#index.list(query);
  }

  /** Forgets records past retention and deletes the segments no kept record points into. */
  async prune(): Promise<number> {
    const dropped = this.#index.dropExpired();
    for (const entry of dropped) this.#cache.delete(entry.id);
    for (const seq of this.#index.takeEmptySegments(this.#active.seq)) await this.#segments.removeSegment(seq);
    return dropped.length;
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#writes.drain();
    await this.#pruning;
    await this.#segments.close();
  }

  /** Writes one batch with one append; the index learns of the lines only once they are stored. */
  async #append(lines: PendingLine[]): Promise<void> {
    const rolled = this.#rollIfNeeded();
    const active = this.#active;
    const bytes = Buffer.from(`${lines.map((line) => line.text).join('\n')}\n`);
    this.#index.addSegment(active.seq);
    try {
      await this.#segments.append(active.seq, bytes);
    } catch (error) {
      // The segment may now end in a partial line; later batches go to a new one.
      active.broken = true;
      throw error;
    }
    for (const { summary, startedMs, text, length } of lines) {
      this.#index.upsert({ ...summary, startedMs, seq: active.seq, offset: active.bytes, length });
      this.#cache.set(summary.id, text);
      active.bytes += length + 1;
    }
    active.records += lines.length;
    if (rolled) this.#pruneInBackground();
  }

  /** Prunes off the save path; chained so that `close` can wait for every one of them. */
  #pruneInBackground(): void {
    this.#pruning = this.#pruning
      .then(async () => void (await this.prune()))
      .catch((error: unknown) => this.#warn('Pruning the execution log failed.', { error: String(error) }));
  }

  #rollIfNeeded(): boolean {
    const { seq, records, bytes, broken } = this.#active;
    if (!broken && records < this.#maxRecords && bytes < this.#maxBytes) return false;
    this.#active = { seq: seq + 1, records: 0, bytes: 0, broken: false };
    return true;
  }
}

/** Opens an execution log over `options.segments` (see ExecutionLog). */
export function openExecutionLog(options: ExecutionLogOptions): Promise<ExecutionLog> {
  return ExecutionLog.open(options);
}
