import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FlowNotFoundError } from '../../server/errors.js';
import { openLowdbFlowStore } from '../../server/store/lowdb-flow-store.js';
import type { FlowSample } from '../../server/store/types.js';
import { buildFlow, createTempDir } from './store-fixtures.js';

let temp: Awaited<ReturnType<typeof createTempDir>>;
let file: string;

beforeEach(async () => {
  temp = await createTempDir();
  file = join(temp.dir, 'hookflow.json');
});
afterEach(() => temp.remove());

const sample = (body: unknown): FlowSample => ({ method: 'POST', path: '/webhook-test/orders', headers: {}, query: {}, body, receivedAt: '2026-03-01T12:00:00.000Z' });

describe('flow samples in the LowdbFlowStore', () => {
  it('keeps a sample per flow in samples.json across a reopen, apart from the flow data', async () => {
    const store = await openLowdbFlowStore(file);
    await store.create(buildFlow('orders'));
    expect(await store.getSample('orders')).toBeUndefined();
    const saved = await store.saveSample('orders', sample({ customer: 'Ada' }));
    expect(Object.isFrozen(saved)).toBe(true);
    await store.close();

    const reopened = await openLowdbFlowStore(file);
    expect(await reopened.getSample('orders')).toEqual(sample({ customer: 'Ada' }));
    expect(await readFile(file, 'utf8')).not.toContain('Ada');
    expect(await readFile(join(temp.dir, 'samples.json'), 'utf8')).toContain('Ada');
  });

  it('refuses samples of unknown flows and removes a sample with its flow, also after a reopen', async () => {
    const store = await openLowdbFlowStore(file);
    await expect(store.saveSample('ghost', sample(1))).rejects.toBeInstanceOf(FlowNotFoundError);
    await expect(store.getSample('ghost')).rejects.toBeInstanceOf(FlowNotFoundError);
    await store.create(buildFlow('orders'));
    await store.saveSample('orders', sample(1));
    await store.remove('orders');
    await store.close();
    const reopened = await openLowdbFlowStore(file);
    await reopened.create(buildFlow('orders'));
    expect(await reopened.getSample('orders')).toBeUndefined();
  });

  it('does not let a sample left by a crash pass for a new flow of the same id', async () => {
    await writeFile(join(temp.dir, 'samples.json'), JSON.stringify({ format: 1, samples: { orders: sample('stale') } }));
    const store = await openLowdbFlowStore(file);
    await store.create(buildFlow('orders'));
    expect(await store.getSample('orders')).toBeUndefined();
  });

  it('refuses to open a samples file it cannot read, naming it', async () => {
    await writeFile(join(temp.dir, 'samples.json'), JSON.stringify({ format: 1, samples: { orders: { method: 1 } } }));
    await expect(openLowdbFlowStore(file)).rejects.toThrow(/samples\.json is not a Hookflow sample file/);
  });
});
