import { FlowError } from '../errors.js';
import { ExecutionIndex, defaultRetention, type IndexEntry, type Retention } from './execution-index.js';
import { parseSegment, summarise } from './execution-summary.js';
import { GroupCommit } from './group-commit.js';
import { capRecordText, defaultMaxValueBytes } from './payload-cap.js';
import type { SegmentStorage } from './segment-storage.js';
import { StorageHealth } from './storage-health.js';
import type { ExecutionPage, ExecutionQuery, ExecutionRecord, ExecutionStore, SaveOptions, StoreLogger } from './types.js';

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
  /** The clock retention measures age against (tests pass a fixed one). */
  now?: () => number;
  /** Node inputs and outputs and results whose JSON is larger are stored as a marker (default 256 KiB; see capRecordText). */
  maxValueBytes?: number;
  /**
   * Shared with the flow file, so that a full disk seen by either is reported by `storageProblem`.
   * Defaults to one whose probe always passes: the next probe (2 s later) lets intake try again.
   */
  health?: StorageHealth;
}

interface PendingLine {
  /** The record's index entry; where its line lands is filled in once it is written. */
  entry: IndexEntry;
  text: string;
  /** Its batch is fdatasync'd (when the storage syncs at all). */
  durable: boolean;
}

/**
 * The embedded ExecutionStore: an append-only JSON Lines log in numbered segments. A save costs
 * one line in one shared write (group commit), whatever the history's size; an in-memory index
 * answers `list`, and `get` reads one line by offset (from the OS's page cache, as a rule: the
 * log keeps no copies of records, which would cost the garbage collector more on every webhook
 * than they would save the rare reader). Whole segments are deleted once retention has passed
 * every record in them.
 */
export class ExecutionLog implements ExecutionStore {
  readonly #segments: SegmentStorage;
  readonly #index: ExecutionIndex;
  readonly #writes: GroupCommit<PendingLine>;
  readonly #warn: StoreLogger;
  readonly #health: StorageHealth;
  readonly #maxRecords: number;
  readonly #maxBytes: number;
  readonly #maxValueBytes: number;
  #active = { seq: 1, records: 0, bytes: 0, broken: false };
  #pruning: Promise<void> = Promise.resolve();
  #closed = false;

  /** Starts on empty storage; to continue an existing log use `openExecutionLog`. */
  constructor(options: ExecutionLogOptions) {
    this.#segments = options.segments;
    this.#index = new ExecutionIndex({ ...defaultRetention, ...options.retention }, options.now ?? Date.now);
    this.#warn = options.logger ?? (() => {});
    this.#health = options.health ?? new StorageHealth({ probe: async () => {}, logger: this.#warn });
    this.#maxRecords = options.segmentMaxRecords ?? 2_000;
    this.#maxBytes = options.segmentMaxBytes ?? 8 * 1024 * 1024;
    this.#maxValueBytes = options.maxValueBytes ?? defaultMaxValueBytes;
    this.#writes = new GroupCommit({
      commit: (lines) => this.#append(lines),
      windowMs: options.batchWindowMs ?? 2,
      maxItems: 1_000,
      sizeOf: (line) => line.text.length + 1, // characters, not bytes: close enough to bound a batch
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
      for (const { summary, startedMs, offset, length } of lines) log.#index.upsert(Object.assign(summary, { startedMs, seq, offset, length }));
      // Appending after a torn tail would glue the next record onto it: start a fresh segment.
      log.#active = { seq, records: lines.length, bytes: data.length, broken: data.length > 0 && data.at(-1) !== 0x0a };
    }
    await log.prune();
    return log;
  }

  async save(record: ExecutionRecord, options?: SaveOptions): Promise<void> {
    if (this.#closed) throw new FlowError('STORE_CLOSED', 'The execution log is closed.');
    const startedMs = Date.parse(record.startedAt);
    if (!Number.isFinite(startedMs)) throw new FlowError('EXECUTION_INVALID', `Execution "${record.id}" has no valid startedAt.`);
    const text = capRecordText(record, JSON.stringify(record), this.#maxValueBytes);
    // One object per record for the index: the summary, completed with its line's place on write.
    const entry = Object.assign(summarise(record), { startedMs, seq: 0, offset: 0, length: 0 });
    return this.#writes.add({ entry, text, durable: options?.durable === true });
  }

  async get(id: string): Promise<ExecutionRecord | undefined> {
    const entry = this.#index.get(id);
    if (!entry) return undefined;
    const bytes = await this.#segments.readRange(entry.seq, entry.offset, entry.length);
    if (!bytes || bytes.length < entry.length) return undefined;
    return JSON.parse(bytes.toString('utf8')) as ExecutionRecord;
  }

  async list(query: ExecutionQuery): Promise<ExecutionPage> {
    return this.#index.list(query);
  }

  /** Forgets records past retention and deletes the segments no kept record points into. */
  async prune(): Promise<number> {
    const dropped = this.#index.dropExpired();
    for (const seq of this.#index.takeEmptySegments(this.#active.seq)) await this.#segments.removeSegment(seq);
    return dropped.length;
  }

  storageProblem(): string | undefined {
    return this.#health.problem;
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#writes.drain();
    await this.#pruning;
    this.#health.close();
    await this.#segments.close();
  }

  /** Writes one batch with one append; the index learns of the lines only once they are stored. */
  async #append(lines: PendingLine[]): Promise<void> {
    const rolled = this.#rollIfNeeded();
    const active = this.#active;
    const bytes = encodeLines(lines);
    this.#index.addSegment(active.seq);
    try {
      await this.#segments.append(active.seq, bytes, lines.some((line) => line.durable));
    } catch (error) {
      // The segment may now end in a partial line; later batches go to a new one.
      active.broken = true;
      throw this.#health.failed(error, 'the execution log');
    }
    this.#health.succeeded();
    for (const { entry } of lines) {
      entry.seq = active.seq;
      entry.offset = active.bytes;
      this.#index.upsert(entry);
      active.bytes += entry.length + 1;
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

/** The lines as one buffer, each followed by a newline; notes each line's byte length in its entry. */
function encodeLines(lines: PendingLine[]): Buffer {
  let size = 0;
  for (const line of lines) {
    line.entry.length = Buffer.byteLength(line.text);
    size += line.entry.length + 1;
  }
  const bytes = Buffer.allocUnsafe(size);
  let at = 0;
  for (const { text, entry } of lines) {
    at += bytes.write(text, at);
    bytes[at++] = 0x0a;
  }
  return bytes;
}

/** Opens an execution log over `options.segments` (see ExecutionLog). */
export function openExecutionLog(options: ExecutionLogOptions): Promise<ExecutionLog> {
  return ExecutionLog.open(options);
}
