import { readdir } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openExecutionLog } from '../../server/store/execution-log.js';
import { createFileSegments } from '../../server/store/file-segments.js';
import type { Retention } from '../../server/store/execution-index.js';
import { baseTime, buildExecution, createTempDir } from './store-fixtures.js';

const dayMs = 86_400_000;
let temp: Awaited<ReturnType<typeof createTempDir>>;
let clock: number;

beforeEach(async () => {
  temp = await createTempDir();
  clock = baseTime;
});
afterEach(() => temp.remove());

const openLog = (retention: Partial<Retention>) =>
  openExecutionLog({ segments: createFileSegments(temp.dir), retention, segmentMaxRecords: 4, now: () => clock });

const listIds = async (log: Awaited<ReturnType<typeof openLog>>) => (await log.list({ limit: 500 })).items.map((item) => item.id);

describe('execution retention', () => {
  it('keeps only the newest maxCount executions and deletes segments nobody needs', async () => {
    const log = await openLog({ maxCount: 5 });
    for (let i = 0; i < 14; i += 1) await log.save(buildExecution(`c${i}`, { minute: i }));

    expect(await listIds(log)).toEqual(['c13', 'c12', 'c11', 'c10', 'c9']);
    expect((await log.list({ limit: 500 })).total).toBe(5);
    expect(await log.get('c8')).toBeUndefined();
    expect(await log.get('c9')).toMatchObject({ id: 'c9' });
    await log.prune();
    // Segments hold 4 records each: c0-c3, c4-c7, c8-c11, c12-c13. The first two hold nothing kept.
    expect(await readdir(temp.dir)).toEqual(['00000003.jsonl', '00000004.jsonl']);
    await log.close();

    const reopened = await openLog({ maxCount: 5 });
    expect(await listIds(reopened)).toEqual(['c13', 'c12', 'c11', 'c10', 'c9']);
    await reopened.close();
  });

  it('hides executions older than maxAgeDays at once and deletes their segments when pruning', async () => {
    const log = await openLog({ maxAgeDays: 14 });
    for (let day = 0; day < 8; day += 1) {
      await log.save(buildExecution(`d${day}`, { startedAt: new Date(baseTime + day * dayMs).toISOString() }));
    }
    clock = baseTime + 7 * dayMs;
    expect(await listIds(log)).toHaveLength(8);

    clock = baseTime + 17.5 * dayMs;
    expect(await listIds(log)).toEqual(['d7', 'd6', 'd5', 'd4']);
    expect(await log.get('d3')).toBeUndefined();
    expect(await log.prune()).toBe(4);
    expect(await readdir(temp.dir)).toEqual(['00000002.jsonl']);
    await log.close();

    clock = baseTime + 30 * dayMs;
    const reopened = await openLog({ maxAgeDays: 14 });
    expect(await listIds(reopened)).toEqual([]);
    expect(await readdir(temp.dir)).toEqual(['00000002.jsonl']);
    await reopened.save(buildExecution('fresh', { startedAt: new Date(clock).toISOString() }));
    expect(await listIds(reopened)).toEqual(['fresh']);
    await reopened.close();
  });

  it('prunes on its own after rolling to a new segment', async () => {
    const log = await openLog({ maxCount: 2 });
    for (let i = 0; i < 13; i += 1) await log.save(buildExecution(`p${i}`, { minute: i }));
    await log.close();
    // Rolling to segment 4 (at p12) pruned segments 1 and 2; segment 3 still holds p11.
    expect(await readdir(temp.dir)).toEqual(['00000003.jsonl', '00000004.jsonl']);
  });
});
