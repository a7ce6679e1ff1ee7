// Issue 5, item 7: a damaged data file is detected at start and the store recovers from its last good copy.
import { readdir, readFile, rm, stat, symlink, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAuthStore } from '../../server/auth/auth-store.js';
import { StartupError, StorageUnavailableError } from '../../server/errors.js';
import { ExecutionLog, openExecutionLog } from '../../server/store/execution-log.js';
import { openStore } from '../../server/store/open-store.js';
import { createMemorySegments, type SegmentStorage } from '../../server/store/segment-storage.js';
import { StorageHealth } from '../../server/store/storage-health.js';
import type { Store } from '../../server/store/types.js';
import { baseTime, buildExecution, buildFlow, createTempDir } from './store-fixtures.js';

let temp: Awaited<ReturnType<typeof createTempDir>>;
let dataDir: string;
let main: string;
let backup: string;

beforeEach(async () => {
  temp = await createTempDir();
  dataDir = join(temp.dir, 'data');
  main = join(dataDir, 'hookflow.json');
  backup = `${main}.bak`;
});
afterEach(() => temp.remove());

/** A store with two flows and a counter at 2, closed again; returns the flows' tokens. */
async function prepareStore(): Promise<string[]> {
  const store = await openStore({ dataDir });
  const tokens = [(await store.flows.create(buildFlow('orders'))).token, (await store.flows.create(buildFlow('refunds', { path: 'shop/refunds' }))).token];
  await store.flows.nextCounterValue('invoice', 1, 1);
  await store.flows.nextCounterValue('invoice', 1, 1);
  await store.close();
  return tokens;
}

async function openWithWarnings(): Promise<{ store: Store; warnings: string[] }> {
  const warnings: string[] = [];
  const store = await openStore({ dataDir, logger: (message) => warnings.push(message) });
  return { store, warnings };
}

const corruptions: Array<[string, (text: string) => string, RegExp]> = [
  ['empty', () => '', /the file is empty/],
  ['cut short mid-write', (text) => text.slice(0, Math.floor(text.length / 2)), /not valid JSON, probably cut short/],
  ['garbage (zeros after a power loss)', (text) => '\0'.repeat(text.length), /not valid JSON/],
  ['valid JSON of the wrong shape', () => JSON.stringify({ format: 1, flows: { orders: { current: { nope: true } } }, counters: {} }), /not a Hookflow data file this version can read/],
];

describe('hookflow.json and its last good copy', () => {
  it('keeps a private copy identical to the file after every write', async () => {
    await prepareStore();
    expect(await readFile(backup, 'utf8')).toBe(await readFile(main, 'utf8'));
    expect(JSON.parse(await readFile(backup, 'utf8'))).toMatchObject({ counters: { invoice: 2 } });
    expect((await stat(main)).mode & 0o777).toBe(0o600);
    expect((await stat(backup)).mode & 0o777).toBe(0o600);
    expect((await readdir(dataDir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it.each(corruptions)('restores a file that is %s from the copy, says so, and keeps the broken one aside', async (_, corrupt, problem) => {
    const tokens = await prepareStore();
    const good = await readFile(main, 'utf8');
    const broken = corrupt(good);
    await writeFile(main, broken);

    const { store, warnings } = await openWithWarnings();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`The flow data file ${main} could not be used (`);
    expect(warnings[0]).toMatch(problem);
    expect(warnings[0]).toMatch(/it was kept as hookflow\.json\.corrupt-[\dT-]+Z for inspection\. Hookflow restored it from its last good copy hookflow\.json\.bak/);
    expect(store.flows.findByWebhookPath(tokens[0]!)?.flow.id).toBe('orders');
    expect(store.flows.findByWebhookPath('shop/refunds')?.flow.id).toBe('refunds');
    expect(await store.flows.nextCounterValue('invoice', 1, 1)).toBe(3);
    await store.close();

    const aside = (await readdir(dataDir)).filter((name) => name.startsWith('hookflow.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(await readFile(join(dataDir, aside[0]!), 'utf8')).toBe(broken);
    expect((await stat(main)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(main, 'utf8'))).toMatchObject({ counters: { invoice: 3 } });
  });

  it('restores a missing file from the copy instead of starting empty', async () => {
    await prepareStore();
    await rm(main);
    const { store, warnings } = await openWithWarnings();
    expect(warnings).toEqual([`The flow data file ${main} was missing. Hookflow restored it from its last good copy hookflow.json.bak and starts with that.`]);
    expect((await store.flows.list()).map((stored) => stored.flow.id).sort()).toEqual(['orders', 'refunds']);
    await store.close();
  });

  it('refuses to start when neither the file nor its copy is usable, names both and changes neither', async () => {
    await prepareStore();
    await truncate(main, 100);
    await writeFile(backup, '');
    const mainBytes = await readFile(main);

    const opening = openStore({ dataDir });
    await expect(opening).rejects.toBeInstanceOf(StartupError);
    await expect(opening).rejects.toThrow(
      `The flow data file ${main} cannot be used (it is not valid JSON, probably cut short: `,
    );
    await expect(opening).rejects.toThrow(
      `and neither can its last good copy ${backup} (the file is empty). Hookflow does not start over them, so that nothing in them is lost: restore hookflow.json from a backup of the data directory, or, to start with an empty store, move both files out of the data directory.`,
    );
    expect(await readFile(main)).toEqual(mainBytes);
    expect(await readFile(backup, 'utf8')).toBe('');
    expect((await readdir(dataDir)).filter((name) => name.includes('corrupt'))).toEqual([]);
  });

  it('refuses to start on a broken file that has no copy', async () => {
    await prepareStore();
    await rm(backup);
    await writeFile(main, '{"format":1,');
    await expect(openStore({ dataDir })).rejects.toThrow(/cannot be used \(it is not valid JSON.*\), and neither can its last good copy .*hookflow\.json\.bak \(it is missing\)/s);
  });

  it('writes the copy at start when only the file exists (a data directory from before copies)', async () => {
    await prepareStore();
    await rm(backup);
    const { store, warnings } = await openWithWarnings();
    expect(warnings).toEqual([]);
    expect(await readFile(backup, 'utf8')).toBe(await readFile(main, 'utf8'));
    await store.close();
  });
});

describe('auth.json and its last good copy', () => {
  it('restores damaged accounts from the copy, and refuses to start when the copy is damaged too', async () => {
    const auth = await openAuthStore(dataDir);
    const user = await auth.users.create({ username: 'admin', password: 'admin-password-1', role: 'owner' });
    await auth.close();
    const file = join(dataDir, 'auth.json');
    expect((await stat(`${file}.bak`)).mode & 0o777).toBe(0o600);
    await writeFile(file, (await readFile(file, 'utf8')).slice(0, 50));

    const reopened = await openAuthStore(dataDir);
    expect(reopened.users.find(user.id)).toMatchObject({ username: 'admin' });
    await reopened.close();

    await writeFile(file, JSON.stringify({ users: [] }));
    await writeFile(`${file}.bak`, '');
    await expect(openAuthStore(dataDir)).rejects.toThrow(
      `The accounts file ${file} cannot be used (it is not a Hookflow accounts file: users, sessions and tokens lists expected), and neither can its last good copy ${file}.bak (the file is empty).`,
    );
  });
});

/** Lines written straight into a segment: the log reads them as a previous run left them. */
function lines(...texts: string[]): Buffer {
  return Buffer.from(texts.join('\n'));
}

const record = (id: string, status: 'running' | 'succeeded', minute = 1) => JSON.stringify(buildExecution(id, { status, minute }));

describe('execution log segments that were damaged', () => {
  it('keeps the earlier record of an execution whose later line is garbled, and everything around it', async () => {
    const segments = createMemorySegments();
    const final = record('a', 'succeeded');
    const garbled = `${final.slice(0, 40)}\u0000\u0000\u0000${final.slice(60)}`;
    await segments.append(1, lines(record('a', 'running'), record('b', 'succeeded', 2), garbled, record('c', 'succeeded', 3), ''));
    const warnings: Array<[string, unknown]> = [];
    const log = await openExecutionLog({ segments, now: () => baseTime, logger: (message, details) => warnings.push([message, details]) });

    expect(warnings).toEqual([['Skipped an unreadable line in the execution log.', { segment: 1, offset: record('a', 'running').length + record('b', 'succeeded', 2).length + 2 }]]);
    expect(await log.get('a')).toMatchObject({ id: 'a', status: 'running' });
    expect(await log.get('c')).toMatchObject({ id: 'c', status: 'succeeded' });
    expect((await log.list({ limit: 10 })).items.map((item) => [item.id, item.status])).toEqual([
      ['c', 'succeeded'],
      ['b', 'succeeded'],
      ['a', 'running'],
    ]);
    await log.close();
  });

  it('survives a torn tail after a garbled middle, and writes what comes next to a fresh segment', async () => {
    const segments = createMemorySegments();
    await segments.append(1, lines(record('a', 'running'), 'not json at all', record('b', 'running', 2), record('a', 'succeeded').slice(0, 30)));
    const warnings: string[] = [];
    const log = await openExecutionLog({ segments, now: () => baseTime, logger: (message) => warnings.push(message) });
    expect(warnings).toEqual(['Skipped an unreadable line in the execution log.', 'Skipped a truncated last line in the execution log.']);
    expect(await log.get('a')).toMatchObject({ status: 'running' });

    await log.save(buildExecution('a', { status: 'succeeded', minute: 1 }));
    await log.close();
    expect(await segments.listSegments()).toEqual([1, 2]);
    const reopened = await openExecutionLog({ segments, now: () => baseTime });
    expect(await reopened.get('a')).toMatchObject({ status: 'succeeded' });
    expect(await reopened.get('b')).toMatchObject({ status: 'running' });
    await reopened.close();
  });
});

/** Segments whose appends fail like a full disk while `full` is set, after writing `partial` bytes of the batch. */
function fillingSegments(partial: number): { segments: SegmentStorage; disk: { full: boolean } } {
  const inner = createMemorySegments();
  const disk = { full: false };
  return {
    disk,
    segments: {
      ...inner,
      async append(seq, data) {
        if (!disk.full) return inner.append(seq, data);
        if (partial > 0) await inner.append(seq, data.subarray(0, partial));
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
      },
    },
  };
}

describe('a full disk', () => {
  it('rejects the saves with STORAGE_UNAVAILABLE, keeps no half record, and reports the problem until a probe write works', async () => {
    const { segments, disk } = fillingSegments(25);
    let probeWorks = false;
    const warnings: string[] = [];
    const health = new StorageHealth({
      probeIntervalMs: 20,
      probe: async () => {
        if (!probeWorks) throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' });
      },
      logger: (message) => warnings.push(message),
    });
    const log = new ExecutionLog({ segments, health, now: () => baseTime });
    await log.save(buildExecution('before', { status: 'running' }));
    expect(log.storageProblem()).toBeUndefined();

    disk.full = true;
    const failed = log.save(buildExecution('lost', { status: 'running', minute: 2 }));
    await expect(failed).rejects.toBeInstanceOf(StorageUnavailableError);
    await expect(failed).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE', status: 503, cause: { code: 'ENOSPC' } });
    expect(log.storageProblem()).toBe(
      'Hookflow cannot write the execution log: the disk is full (ENOSPC). Webhook calls are refused with 503 until writes work again; free disk space or repair the disk, and Hookflow resumes within seconds on its own.',
    );
    expect(await log.get('lost')).toBeUndefined();
    expect((await log.list({ limit: 10 })).total).toBe(1);

    disk.full = false;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(log.storageProblem()).toBeDefined();
    probeWorks = true;
    await expect.poll(() => log.storageProblem(), { timeout: 5000 }).toBeUndefined();
    expect(warnings).toEqual([expect.stringMatching(/^Hookflow cannot write the execution log/), 'Writes to the data directory work again; Hookflow accepts webhook calls again.']);

    await log.save(buildExecution('after', { minute: 3 }));
    await log.close();
    // The failed batch left a torn half in segment 1; nothing was appended after it, the next batch went to segment 2.
    expect((await segments.readSegment(1)).subarray(-26).toString()).toBe(`\n${record('lost', 'running', 2).slice(0, 25)}`);
    expect(await segments.listSegments()).toEqual([1, 2]);
    const reopenWarnings: string[] = [];
    const reopened = await openExecutionLog({ segments, now: () => baseTime, logger: (message) => reopenWarnings.push(message) });
    expect(reopenWarnings).toEqual(['Skipped a truncated last line in the execution log.']);
    expect((await reopened.list({ limit: 10 })).items.map((item) => [item.id, item.status])).toEqual([
      ['after', 'succeeded'],
      ['before', 'running'],
    ]);
    expect(await reopened.get('lost')).toBeUndefined();
    await reopened.close();
  });

  it('clears the problem as soon as a store write goes through, and passes other errors on unchanged', async () => {
    const health = new StorageHealth({ probe: () => Promise.reject(new Error('still full')), probeIntervalMs: 60_000 });
    const notFull = Object.assign(new Error('EACCES'), { code: 'EACCES' });
    expect(health.failed(notFull, 'the flow data file')).toBe(notFull);
    expect(health.problem).toBeUndefined();
    expect(health.failed(Object.assign(new Error('EROFS'), { code: 'EROFS' }), 'the flow data file')).toBeInstanceOf(StorageUnavailableError);
    expect(health.problem).toMatch(/^Hookflow cannot write the flow data file: the file system is read-only \(EROFS\)\./);
    health.succeeded();
    expect(health.problem).toBeUndefined();
    health.close();
  });

  it('refuses a flow change whose file cannot be written, and leaves the file and its copy whole', async () => {
    await prepareStore();
    const before = await readFile(main, 'utf8');
    const store = await openStore({ dataDir });
    // What a full disk does to the temporary file that would replace hookflow.json.
    await symlink('/dev/full', `${main}.${process.pid}.tmp`);
    const change = store.flows.update(buildFlow('orders', { name: 'Renamed' }));
    await expect(change).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE', status: 503 });
    expect(store.executions.storageProblem()).toMatch(/^Hookflow cannot write the flow data file: the disk is full \(ENOSPC\)/);
    expect(await readFile(main, 'utf8')).toBe(before);
    expect(await readFile(backup, 'utf8')).toBe(before);
    expect((await readdir(dataDir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    await store.close();
  });
});
