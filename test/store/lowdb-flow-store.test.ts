import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Low, Memory } from 'lowdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FlowConflictError, FlowExistsError, FlowNotFoundError, WebhookPathTakenError } from '../../server/errors.js';
import { createEmptyFlowData, type FlowData } from '../../server/store/flow-data.js';
import { createLowdbFlowStore, openLowdbFlowStore } from '../../server/store/lowdb-flow-store.js';
import { buildFlow, createTempDir } from './store-fixtures.js';

let temp: Awaited<ReturnType<typeof createTempDir>>;
let file: string;

beforeEach(async () => {
  temp = await createTempDir();
  file = join(temp.dir, 'hookflow.json');
});
afterEach(() => temp.remove());

describe('LowdbFlowStore', () => {
  it('creates, gets, lists, updates and removes flows, and keeps them across a reopen', async () => {
    const store = await openLowdbFlowStore(file);
    const created = await store.create(buildFlow('orders'));
    expect(created).toMatchObject({ version: 1, flow: { id: 'orders' } });
    expect(created.token).toMatch(/^[0-9a-f]{64}$/);
    await store.create(buildFlow('refunds'));

    const updated = await store.update(buildFlow('orders', { name: 'Orders v2' }));
    expect(updated).toMatchObject({ version: 2, token: created.token, createdAt: created.createdAt, flow: { name: 'Orders v2' } });
    expect(await store.remove('refunds')).toBe(true);
    expect(await store.remove('refunds')).toBe(false);

    const reopened = await openLowdbFlowStore(file);
    expect(await reopened.get('orders')).toEqual(updated);
    expect((await reopened.list()).map((stored) => stored.flow.id)).toEqual(['orders']);
    expect(await reopened.get('refunds')).toBeUndefined();
  });

  it('refuses an existing id, a stale version and an unknown flow', async () => {
    const store = await openLowdbFlowStore(file);
    await store.create(buildFlow('orders'));
    await expect(store.create(buildFlow('orders'))).rejects.toBeInstanceOf(FlowExistsError);
    await store.update(buildFlow('orders'), 1);
    const stale = store.update(buildFlow('orders'), 1);
    await expect(stale).rejects.toBeInstanceOf(FlowConflictError);
    await expect(stale).rejects.toMatchObject({ status: 409, code: 'FLOW_VERSION_CONFLICT' });
    await expect(store.update(buildFlow('ghost'))).rejects.toBeInstanceOf(FlowNotFoundError);
    await expect(store.rotateToken('ghost')).rejects.toMatchObject({ status: 404 });
    expect((await store.get('orders'))?.version).toBe(2);
  });

  it('refuses a custom path another flow uses, on create and on update', async () => {
    const store = await openLowdbFlowStore(file);
    await store.create(buildFlow('shop', { path: 'shop/orders' }));
    await expect(store.create(buildFlow('copy', { path: 'shop/orders' }))).rejects.toBeInstanceOf(WebhookPathTakenError);
    expect(await store.get('copy')).toBeUndefined();

    await store.create(buildFlow('other', { path: 'other' }));
    await expect(store.update(buildFlow('other', { path: 'shop/orders' }))).rejects.toMatchObject({ code: 'WEBHOOK_PATH_TAKEN', status: 409 });
    await store.update(buildFlow('shop', { path: 'shop/orders' }));

    await store.update(buildFlow('shop', { path: 'shop/v2' }));
    expect(store.findByWebhookPath('shop/orders')).toBeUndefined();
    expect((await store.update(buildFlow('other', { path: 'shop/orders' }))).version).toBe(2);
  });

  it('refuses a custom path equal to another flow’s token', async () => {
    const store = await openLowdbFlowStore(file);
    const { token } = await store.create(buildFlow('orders'));
    await expect(store.create(buildFlow('thief', { path: token }))).rejects.toBeInstanceOf(WebhookPathTakenError);
  });

  it('finds flows by token and by custom path, following rotation and removal, also after a reopen', async () => {
    const store = await openLowdbFlowStore(file);
    const orders = await store.create(buildFlow('orders', { path: 'shop/orders' }));
    expect(store.findByWebhookPath(orders.token)?.flow.id).toBe('orders');
    expect(store.findByWebhookPath('shop/orders')?.flow.id).toBe('orders');

    const rotated = await store.rotateToken('orders');
    expect(rotated.token).not.toBe(orders.token);
    expect(rotated.version).toBe(1);
    expect(store.findByWebhookPath(orders.token)).toBeUndefined();
    expect(store.findByWebhookPath(rotated.token)).toEqual(rotated);

    const reopened = await openLowdbFlowStore(file);
    expect(reopened.findByWebhookPath(rotated.token)?.flow.id).toBe('orders');
    expect(reopened.findByWebhookPath(orders.token)).toBeUndefined();
    await reopened.remove('orders');
    expect(reopened.findByWebhookPath(rotated.token)).toBeUndefined();
    expect(reopened.findByWebhookPath('shop/orders')).toBeUndefined();
  });

  it('keeps the current and the 20 previous versions for replay', async () => {
    const store = await openLowdbFlowStore(file);
    await store.create(buildFlow('orders', { name: 'v1' }));
    for (let version = 2; version <= 25; version += 1) await store.update(buildFlow('orders', { name: `v${version}` }));

    const reopened = await openLowdbFlowStore(file);
    expect(await reopened.getVersion('orders', 4)).toBeUndefined();
    expect(await reopened.getVersion('orders', 5)).toMatchObject({ version: 5, flow: { name: 'v5' } });
    expect(await reopened.getVersion('orders', 25)).toMatchObject({ version: 25, flow: { name: 'v25' } });
    expect(await reopened.getVersion('ghost', 1)).toBeUndefined();
  });

  it('hands out frozen snapshots that callers cannot change by accident', async () => {
    const store = await openLowdbFlowStore(file);
    const flow = buildFlow('orders');
    const stored = await store.create(flow);
    flow.name = 'changed by the caller afterwards';
    expect(() => {
      (stored.flow as { name: string }).name = 'x';
    }).toThrow(TypeError);
    expect((await store.get('orders'))?.flow.name).toBe('Flow orders');
  });

  it('gives 200 concurrent counter calls 200 consecutive values that survive a reopen', async () => {
    const store = await openLowdbFlowStore(file);
    const values = await Promise.all(Array.from({ length: 200 }, () => store.nextCounterValue('invoice', 1000, 1)));
    expect([...values].sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => 1000 + i));

    const reopened = await openLowdbFlowStore(file);
    expect(await reopened.nextCounterValue('invoice', 1000, 1)).toBe(1200);
    expect(await reopened.nextCounterValue('__proto__', 5, 5)).toBe(5);
    expect(await (await openLowdbFlowStore(file)).nextCounterValue('__proto__', 5, 5)).toBe(10);
  });

  it('shares one write among changes made while a write is in flight', async () => {
    let writes = 0;
    const adapter = new Memory<FlowData>();
    const db = new Low<FlowData>({ read: () => adapter.read(), write: (data) => ((writes += 1), adapter.write(data)) }, createEmptyFlowData());
    const store = createLowdbFlowStore(db);
    await Promise.all(Array.from({ length: 200 }, () => store.nextCounterValue('n', 1, 1)));
    expect(writes).toBeLessThanOrEqual(2);
    expect(db.data.counters.n).toBe(200);
  });

  it('refuses to start on a data file it cannot read, instead of overwriting it', async () => {
    await writeFile(file, JSON.stringify({ format: 1, flows: { x: { nope: true } }, counters: {} }));
    await expect(openLowdbFlowStore(file)).rejects.toThrow(`The flow data file ${file} cannot be used (its content is not a Hookflow data file this version can read:`);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ flows: { x: { nope: true } } });
  });
});
