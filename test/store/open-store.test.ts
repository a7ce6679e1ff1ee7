import { chmod, mkdir, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryStore, openStore } from '../../server/store/open-store.js';
import { baseTime, buildExecution, buildFlow, createTempDir } from './store-fixtures.js';

let temp: Awaited<ReturnType<typeof createTempDir>>;

beforeEach(async () => {
  temp = await createTempDir();
});
afterEach(() => temp.remove());

describe('openStore', () => {
  it('closes a data directory that other users could read, and says so', async () => {
    const dataDir = join(temp.dir, 'shared');
    await mkdir(dataDir, { mode: 0o755 });
    await chmod(dataDir, 0o755);
    const warnings: string[] = [];
    const store = await openStore({ dataDir, logger: (message) => warnings.push(message) });
    await store.close();
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    expect(warnings).toEqual([expect.stringMatching(/open to other users \(mode 755\); it is now 0700/)]);
  });

  it('creates a private data dir and keeps flows, counters and executions across a restart', async () => {
    const dataDir = join(temp.dir, 'data');
    const store = await openStore({ dataDir, fsync: true });
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    const { token } = await store.flows.create(buildFlow('orders'));
    await store.flows.nextCounterValue('invoice', 1, 1);
    await store.executions.save(buildExecution('run-1', { startedAt: new Date().toISOString() }));
    await store.close();

    expect((await readdir(dataDir)).sort()).toEqual(['executions', 'hookflow.json', 'hookflow.json.bak']);
    const reopened = await openStore({ dataDir });
    expect(reopened.flows.findByWebhookPath(token)?.flow.id).toBe('orders');
    expect(await reopened.flows.nextCounterValue('invoice', 1, 1)).toBe(2);
    expect(await reopened.executions.get('run-1')).toMatchObject({ id: 'run-1', flowId: 'orders' });
    await reopened.close();
  });
});

describe('createMemoryStore', () => {
  it('behaves like the file store, retention included', async () => {
    const store = createMemoryStore({ retention: { maxCount: 2 }, now: () => baseTime });
    await store.flows.create(buildFlow('orders', { path: 'shop/orders' }));
    expect(store.flows.findByWebhookPath('shop/orders')?.version).toBe(1);

    await Promise.all(['m1', 'm2', 'm3'].map((id, minute) => store.executions.save(buildExecution(id, { minute, status: 'running' }))));
    await store.executions.save(buildExecution('m3', { minute: 2, status: 'succeeded' }));
    const page = await store.executions.list({ limit: 10 });
    expect(page.items.map((item) => [item.id, item.status])).toEqual([['m3', 'succeeded'], ['m2', 'running']]);
    expect(await store.executions.get('m1')).toBeUndefined();
    await store.close();
  });
});
