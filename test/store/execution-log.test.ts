import { appendFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openExecutionLog, type ExecutionLogOptions } from '../../server/store/execution-log.js';
import { createFileSegments } from '../../server/store/file-segments.js';
import { baseTime, buildExecution, createTempDir, spyOnAppends } from './store-fixtures.js';

let temp: Awaited<ReturnType<typeof createTempDir>>;

beforeEach(async () => {
  temp = await createTempDir();
});
afterEach(() => temp.remove());

/** A log over real files in the temp dir, with a spy on its appends and a clock fixed near the fixtures. */
async function openLog(options: Partial<ExecutionLogOptions> = {}) {
  const spy = spyOnAppends(createFileSegments(temp.dir));
  const log = await openExecutionLog({ now: () => baseTime + 86_400_000, ...options, segments: spy.segments });
  return { log, appends: spy.appends };
}

describe('ExecutionLog', () => {
  it('saves, gets and lists executions; the last save of an id wins', async () => {
    const { log } = await openLog();
    await log.save(buildExecution('a', { status: 'running', minute: 1 }));
    await log.save(buildExecution('b', { minute: 2 }));
    await log.save(buildExecution('a', { status: 'failed', minute: 1 }));

    expect(await log.get('a')).toMatchObject({ id: 'a', status: 'failed', request: { body: { order: 'a' } } });
    expect(await log.get('missing')).toBeUndefined();
    const page = await log.list({ limit: 10 });
    expect(page.items.map((item) => [item.id, item.status])).toEqual([['b', 'succeeded'], ['a', 'failed']]);
    expect(page).toMatchObject({ total: 2 });
    expect(page.nextCursor).toBeUndefined();
    expect(page.items[0]).not.toHaveProperty('request');
    await log.close();
  });

  it('filters by flow and status, and pages newest first with a cursor', async () => {
    const { log } = await openLog();
    const saves = Array.from({ length: 25 }, (_, i) =>
      log.save(buildExecution(`e${String(i).padStart(2, '0')}`, { minute: i, flowId: i % 2 ? 'odd' : 'even', status: i % 5 === 0 ? 'failed' : 'succeeded' })),
    );
    await Promise.all(saves);

    const first = await log.list({ flowId: 'odd', limit: 5 });
    expect(first.items.map((item) => item.id)).toEqual(['e23', 'e21', 'e19', 'e17', 'e15']);
    expect(first.total).toBe(12);
    const second = await log.list({ flowId: 'odd', limit: 5, cursor: first.nextCursor! });
    expect(second.items.map((item) => item.id)).toEqual(['e13', 'e11', 'e09', 'e07', 'e05']);
    const third = await log.list({ flowId: 'odd', limit: 5, cursor: second.nextCursor! });
    expect(third.items.map((item) => item.id)).toEqual(['e03', 'e01']);
    expect(third.nextCursor).toBeUndefined();

    const failed = await log.list({ status: 'failed', flowId: 'even', limit: 10 });
    expect(failed.items.map((item) => item.id)).toEqual(['e20', 'e10', 'e00']);
    expect(failed.total).toBe(3);
    await expect(log.list({ limit: 5, cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: 'BAD_CURSOR', status: 400 });
    await expect(log.list({ limit: 0 })).rejects.toMatchObject({ status: 400 });
    await log.close();
  });

  it('writes many concurrent saves with far fewer appends', async () => {
    const { log, appends } = await openLog();
    await Promise.all(Array.from({ length: 500 }, (_, i) => log.save(buildExecution(`x${i}`, { minute: i }))));
    expect(appends.length).toBeLessThanOrEqual(5);
    expect((await log.list({ limit: 1 })).total).toBe(500);
    await log.close();
  });

  it('rebuilds its index on reopen and reads each record from its segment', async () => {
    const { log } = await openLog({ segmentMaxRecords: 10 });
    for (let i = 0; i < 30; i += 1) await log.save(buildExecution(`r${i}`, { minute: i, status: 'running' }));
    await log.save(buildExecution('r3', { minute: 3, status: 'succeeded' }));
    await log.close();

    const { log: reopened } = await openLog();
    expect((await reopened.list({ limit: 500 })).total).toBe(30);
    expect(await reopened.get('r3')).toMatchObject({ id: 'r3', status: 'succeeded' });
    expect(await reopened.get('r4')).toMatchObject({ id: 'r4', status: 'running', request: { body: { order: 'r4' } } });
    await reopened.close();
  });

  it('skips a torn last line with a warning and appends after it safely', async () => {
    const { log } = await openLog();
    await log.save(buildExecution('kept', { minute: 1 }));
    await log.close();
    const [segment] = await readdir(temp.dir);
    await appendFile(join(temp.dir, segment!), '{"id":"torn","flowId":"or');

    const warnings: string[] = [];
    const { log: reopened } = await openLog({ logger: (message) => warnings.push(message) });
    expect(warnings).toEqual(['Skipped a truncated last line in the execution log.']);
    expect(await reopened.get('kept')).toMatchObject({ id: 'kept' });
    await reopened.save(buildExecution('after', { minute: 2 }));
    await reopened.close();

    const { log: third } = await openLog({ logger: (message) => warnings.push(message) });
    expect((await third.list({ limit: 10 })).items.map((item) => item.id)).toEqual(['after', 'kept']);
    expect(await third.get('after')).toMatchObject({ id: 'after' });
    await third.close();
  });

  it('costs the same bytes per save whatever the size of the history', async () => {
    const { log, appends } = await openLog({ segmentMaxRecords: 500, retention: { maxCount: 100_000, maxAgeDays: 365 } });
    await log.save(buildExecution('probe-1', { minute: 0 }));
    const firstCost = appends.at(-1);
    for (let batch = 0; batch < 10; batch += 1) {
      await Promise.all(Array.from({ length: 300 }, (_, i) => log.save(buildExecution(`h${batch}-${i}`, { minute: 1 }))));
    }
    await log.save(buildExecution('probe-2', { minute: 0 }));
    expect(appends.at(-1)).toBe(firstCost);
    expect((await log.list({ limit: 1 })).total).toBe(3002);
    await log.close();
  });

  it('rejects saves after close, once everything before it is written', async () => {
    const { log } = await openLog();
    const pending = log.save(buildExecution('last'));
    await log.close();
    await pending;
    await expect(log.save(buildExecution('late'))).rejects.toMatchObject({ code: 'STORE_CLOSED' });
    const { log: reopened } = await openLog();
    expect(await reopened.get('last')).toMatchObject({ id: 'last' });
    await reopened.close();
  });
});
