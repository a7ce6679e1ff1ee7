/**
 * Where the execution log keeps its segments (numbered, append-only blobs of JSON lines). The
 * log's logic is written once against this interface: files in production, memory in unit tests.
 */
export interface SegmentStorage {
  /** The stored segments' numbers, ascending. */
  listSegments(): Promise<number[]>;
  readSegment(seq: number): Promise<Buffer>;
  /** Up to `length` bytes at `offset`; undefined when the segment is gone (pruned meanwhile). */
  readRange(seq: number, offset: number, length: number): Promise<Buffer | undefined>;
  /** Appends `data` to the segment (created when missing) with one write. Never called concurrently. */
  /** `durable`: the data must reach the disk itself (fdatasync) before this resolves, where the storage can. */
  append(seq: number, data: Buffer, durable?: boolean): Promise<void>;
  /** Deletes a segment; no error when it is already gone. */
  removeSegment(seq: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Segments held in memory, byte for byte as the files would be, for `createMemoryStore()`.
 *
 * @example
 * const log = new ExecutionLog({ segments: createMemorySegments() });
 */
export function createMemorySegments(): SegmentStorage {
  const segments = new Map<number, Buffer[]>();
  const contents = (seq: number) => Buffer.concat(segments.get(seq) ?? []);
  return {
    listSegments: async () => [...segments.keys()].sort((a, b) => a - b),
    readSegment: async (seq) => contents(seq),
    readRange: async (seq, offset, length) => (segments.has(seq) ? contents(seq).subarray(offset, offset + length) : undefined),
    append: async (seq, data) => {
      const chunks = segments.get(seq) ?? [];
      chunks.push(Buffer.from(data));
      segments.set(seq, chunks);
    },
    removeSegment: async (seq) => {
      segments.delete(seq);
    },
    close: async () => {},
  };
}
