import { mkdtemp, open, rm } from 'node:fs/promises';
import path from 'node:path';
import { median } from './report.js';

/**
 * What one durable write costs on this disk right now: the median time of appending `bytes`
 * to a file in `dir` and `fdatasync`ing it, over `tries` writes. A server that synced every
 * event on its own could accept at most about one event per this time.
 */
export async function measureSyncLatency(dir: string, bytes = 1024, tries = 100): Promise<number> {
  const scratch = await mkdtemp(path.join(dir, 'hookflow-bench-sync-'));
  const handle = await open(path.join(scratch, 'probe.jsonl'), 'a');
  try {
    const line = Buffer.alloc(bytes, 0x61);
    const times: number[] = [];
    for (let i = 0; i < tries; i += 1) {
      const started = performance.now();
      await handle.write(line);
      await handle.datasync();
      times.push(performance.now() - started);
    }
    return median(times);
  } finally {
    await handle.close();
    await rm(scratch, { recursive: true, force: true });
  }
}
