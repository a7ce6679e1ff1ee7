import { open, readdir, readFile, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { SegmentStorage } from './segment-storage.js';

export interface FileSegmentOptions {
  /** `fdatasync` each durable append before it resolves, so a record survives power loss, not only a crash. */
  fsync?: boolean;
}

const segmentName = /^(\d+)\.jsonl$/;

/**
 * Segments as files `<dir>/<seq>.jsonl` (zero-padded so that `ls` sorts them). The segment being
 * appended to keeps one open handle; reads open their own, so they never wait for appends.
 */
export function createFileSegments(dir: string, options: FileSegmentOptions = {}): SegmentStorage {
  let active: { seq: number; handle: FileHandle } | undefined;
  const pathOf = (seq: number) => join(dir, `${String(seq).padStart(8, '0')}.jsonl`);

  async function openForAppend(seq: number): Promise<FileHandle> {
    if (active?.seq === seq) return active.handle;
    await active?.handle.close();
    active = undefined;
    const handle = await open(pathOf(seq), 'a', 0o600);
    // The new file's directory entry must be durable too, or a synced record could vanish with it.
    if (options.fsync) await syncDirectory(dir);
    active = { seq, handle };
    return handle;
  }

  return {
    async listSegments() {
      const names = await readdir(dir);
      return names.flatMap((name) => segmentName.exec(name)?.[1] ?? []).map(Number).sort((a, b) => a - b);
    },
    readSegment: (seq) => readFile(pathOf(seq)),
    async readRange(seq, offset, length) {
      const handle = await open(pathOf(seq), 'r').catch(ignoreMissing);
      if (!handle) return undefined;
      try {
        const { buffer, bytesRead } = await handle.read(Buffer.alloc(length), 0, length, offset);
        return buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    },
    async append(seq, data, durable = true) {
      const handle = await openForAppend(seq);
      let offset = 0;
      try {
        // The handle is opened for appending, so a plain write lands at the end; short writes are retried.
        while (offset < data.length) offset += (await handle.write(data, offset)).bytesWritten;
        if (options.fsync && durable) await handle.datasync();
      } catch (error) {
        // A disk that fills up mid-batch takes part of it: cut that part off again, so that no
        // record whose save failed turns up after a restart (only this process appends here).
        if (offset > 0) await handle.stat().then(({ size }) => handle.truncate(size - offset)).catch(() => undefined);
        throw error;
      }
    },
    async removeSegment(seq) {
      if (active?.seq === seq) throw new Error(`Segment ${seq} is being written and cannot be removed.`);
      await unlink(pathOf(seq)).catch(ignoreMissing);
    },
    async close() {
      await active?.handle.close();
      active = undefined;
    },
  };
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function ignoreMissing(error: unknown): undefined {
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
  throw error;
}
