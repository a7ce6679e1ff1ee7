import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openExecutionLog } from '../../server/store/execution-log.js';
import { createFileSegments } from '../../server/store/file-segments.js';
import type { ExecutionRecord } from '../../server/store/types.js';

const dirs: string[] = [];

afterEach(async () => {
  vi.restoreAllMocks();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const record = (id: string): ExecutionRecord => ({
  id,
  flowId: 'orders',
  flowVersion: 1,
  mode: 'webhook',
  status: 'running',
  startedAt: new Date().toISOString(),
  request: { method: 'POST', path: '/webhook/orders', headers: {}, query: {}, body: { id } },
  nodes: [],
});

/** Counts the fdatasync calls of every file handle from now on. */
async function countSyncs(dir: string): Promise<() => number> {
  const probe = await open(path.join(dir, 'probe'), 'w');
  const prototype = Object.getPrototypeOf(probe) as { datasync: () => Promise<void> };
  await probe.close();
  const spy = vi.spyOn(prototype, 'datasync');
  return () => spy.mock.calls.length;
}

describe('durable saves', () => {
  it('flush the batch that holds them to disk; other saves are only written', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'hookflow-durable-'));
    dirs.push(dir);
    const syncs = await countSyncs(dir);
    const log = await openExecutionLog({ segments: createFileSegments(dir, { fsync: true }), batchWindowMs: 0 });
    await log.save(record('progress'));
    expect(syncs()).toBe(0);
    await log.save(record('accepted'), { durable: true });
    expect(syncs()).toBe(1);
    // Saved together: one write and one flush for the batch.
    await Promise.all([log.save(record('a'), { durable: true }), log.save(record('b')), log.save(record('c'), { durable: true })]);
    expect(syncs()).toBe(2);
    expect((await log.list({ limit: 10 })).total).toBe(5);
    await log.close();
  });

  it('never flush when the store was opened without fsync', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'hookflow-durable-'));
    dirs.push(dir);
    const syncs = await countSyncs(dir);
    const log = await openExecutionLog({ segments: createFileSegments(dir, { fsync: false }) });
    await log.save(record('accepted'), { durable: true });
    expect(syncs()).toBe(0);
    await log.close();
  });
});
