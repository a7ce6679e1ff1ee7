// Issue 5, item 7: a full disk makes intake refuse calls (503) instead of corrupting anything.
import { lstat, readdir, readFile, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpSink, type HttpSink } from '../helpers/http-sink.js';
import { eventually, flowDocument, startTestApp, type TestApp } from '../helpers/start-app.js';

let app: TestApp;
let sink: HttpSink;
beforeAll(async () => {
  [app, sink] = await Promise.all([startTestApp(), startHttpSink()]);
});
afterAll(() => Promise.all([app.close(), sink.close()]));

/**
 * Fills the disk as far as Hookflow can tell: the execution log's next segments and the probe
 * file become links to /dev/full, where every write really fails with ENOSPC. Returns "free space".
 */
async function fillDisk(): Promise<() => Promise<void>> {
  const links = [path.join(app.dataDir, '.storage-probe')];
  const existing = (await readdir(path.join(app.dataDir, 'executions'))).map((name) => Number.parseInt(name, 10));
  const next = Math.max(0, ...existing.filter(Number.isFinite));
  // The log moves to a new segment after a failed append, so several of them must be full.
  for (let seq = Math.max(1, next); seq < next + 20; seq += 1) links.push(path.join(app.dataDir, 'executions', `${String(seq).padStart(8, '0')}.jsonl`));
  for (const link of links) await rm(link, { force: true }).then(() => symlink('/dev/full', link));
  return async () => {
    for (const link of links) await rm(link, { force: true });
  };
}

async function expectStorageUnavailable(response: Response): Promise<void> {
  expect(response.status).toBe(503);
  expect(response.headers.get('retry-after')).toBe('30');
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body).toEqual({
    error: {
      code: 'STORAGE_UNAVAILABLE',
      message: 'Hookflow cannot store data right now because its storage is full or failing. Retry after the time in Retry-After; if this persists, tell the Hookflow admin.',
    },
  });
}

const call = (hookPath: string, n: number) => app.post(hookPath, { n });
const sunk = () => sink.requests.map((request) => (request.body as { n: number }).n);

/** Every line of every segment is a whole record: nothing was written half. */
async function readSegmentLines(): Promise<Array<{ id: string; status: string }>> {
  const dir = path.join(app.dataDir, 'executions');
  const records: Array<{ id: string; status: string }> = [];
  for (const name of (await readdir(dir)).sort()) {
    expect((await lstat(path.join(dir, name))).isFile()).toBe(true);
    const text = await readFile(path.join(dir, name), 'utf8');
    if (text === '') continue;
    expect(text.endsWith('\n')).toBe(true);
    for (const line of text.slice(0, -1).split('\n')) records.push(JSON.parse(line) as { id: string; status: string });
  }
  return records;
}

describe('a full disk', () => {
  beforeAll(async () => {
    await app.createFlow(
      flowDocument('orders', { in: ['webhook', { path: 'shop/orders', respond: 'immediately' }], crm: ['http-request', { method: 'POST', url: `${sink.url}/orders`, body: '{ "n": body.n }' }] }, [['in', 'crm']]),
    );
    await app.createFlow(flowDocument('answer', { in: ['webhook', { path: 'shop/answer' }], out: ['transform', { expression: '{ "got": body.n }' }] }, [['in', 'out']]));
  });

  it('refuses webhook calls with 503 STORAGE_UNAVAILABLE and Retry-After, runs and records none of them, and takes calls again once writes work', async () => {
    const freeSpace = await fillDisk();
    // The first call finds out: its acceptance record cannot be written.
    await expectStorageUnavailable(await call('/webhook/shop/orders', 1));
    expect(app.store.executions.storageProblem()).toBe(
      'Hookflow cannot write the execution log: the disk is full (ENOSPC). Webhook calls are refused with 503 until writes work again; free disk space or repair the disk, and Hookflow resumes within seconds on its own.',
    );
    // Later calls are refused before anything runs, in every response mode and on the test URL.
    await expectStorageUnavailable(await call('/webhook/shop/orders', 2));
    await expectStorageUnavailable(await call('/webhook/shop/answer', 3));
    await expectStorageUnavailable(await call('/webhook-test/shop/orders', 4));
    // The probe keeps failing while the disk is full (it runs every 2 s).
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(app.store.executions.storageProblem()).toMatch(/disk is full/);
    await expectStorageUnavailable(await call('/webhook/shop/orders', 5));

    await freeSpace();
    await expect.poll(() => app.store.executions.storageProblem(), { timeout: 10_000, interval: 100 }).toBeUndefined();
    const accepted = await call('/webhook/shop/orders', 6);
    expect(accepted.status).toBe(202);
    const { executionId } = (await accepted.json()) as { executionId: string };
    await eventually(async () => ((await app.store.executions.get(executionId))?.status === 'succeeded' ? true : undefined), 10_000);
    const answered = await call('/webhook/shop/answer', 7);
    expect(answered.status).toBe(200);
    expect(await answered.json()).toEqual({ got: 7 });

    expect(sunk()).toEqual([6]);
    const listed = await app.api.get('/api/executions?limit=50');
    expect(listed.status).toBe(200);
    expect((listed.body.items as Array<{ flowId: string; status: string }>).map((item) => [item.flowId, item.status])).toEqual([
      ['answer', 'succeeded'],
      ['orders', 'succeeded'],
    ]);
    const lines = await readSegmentLines();
    expect(new Set(lines.map((line) => line.id))).toEqual(new Set([executionId, (listed.body.items as Array<{ id: string }>)[0]!.id]));
  });

  it('answers an API change it cannot write with 503 and leaves hookflow.json and its copy whole', async () => {
    const file = path.join(app.dataDir, 'hookflow.json');
    const before = await readFile(file, 'utf8');
    // The temporary file that would replace hookflow.json lands on the full disk.
    await symlink('/dev/full', `${file}.${process.pid}.tmp`);
    const changed = flowDocument('answer', { in: ['webhook', { path: 'shop/answer' }], out: ['transform', { expression: '{ "changed": true }' }] }, [['in', 'out']]);
    const refused = await app.api.put('/api/flows/answer', changed);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('30');
    expect(refused.body).toMatchObject({ error: { code: 'STORAGE_UNAVAILABLE' } });
    expect(app.store.executions.storageProblem()).toMatch(/^Hookflow cannot write the flow data file: the disk is full \(ENOSPC\)/);
    expect(await readFile(file, 'utf8')).toBe(before);
    expect(await readFile(`${file}.bak`, 'utf8')).toBe(before);

    // Nothing else is full: the probe finds that out and intake opens again.
    await expect.poll(() => app.store.executions.storageProblem(), { timeout: 10_000, interval: 100 }).toBeUndefined();
    const saved = await app.api.put('/api/flows/answer', changed);
    expect(saved.status).toBe(200);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ flows: { answer: { current: { flow: { nodes: [{}, { config: { expression: '{ "changed": true }' } }] } } } } });
    expect(await readFile(`${file}.bak`, 'utf8')).toBe(await readFile(file, 'utf8'));
  });
});
