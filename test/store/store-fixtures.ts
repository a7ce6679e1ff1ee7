import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FlowFile } from '../../server/engine/flow-schema.js';
import type { SegmentStorage } from '../../server/store/segment-storage.js';
import type { ExecutionRecord, ExecutionStatus } from '../../server/store/types.js';

/** A fresh directory under the OS temp dir; `remove` deletes it. */
export async function createTempDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'hookflow-store-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** The smallest valid flow: one webhook trigger, optionally on a custom path. */
export function buildFlow(id: string, options: { path?: string; name?: string } = {}): FlowFile {
  return {
    schemaVersion: 1,
    id,
    name: options.name ?? `Flow ${id}`,
    active: true,
    nodes: [{ id: 'in', type: 'webhook', position: { x: 0, y: 0 }, config: options.path ? { path: options.path } : {} }],
    edges: [],
  };
}

export const baseTime = Date.parse('2026-03-01T12:00:00.000Z');

/** An execution record; `minute` places its start `minute` minutes after `baseTime`. */
export function buildExecution(id: string, options: { flowId?: string; status?: ExecutionStatus; minute?: number; startedAt?: string } = {}): ExecutionRecord {
  return {
    id,
    flowId: options.flowId ?? 'orders',
    flowVersion: 1,
    mode: 'webhook',
    status: options.status ?? 'succeeded',
    startedAt: options.startedAt ?? new Date(baseTime + (options.minute ?? 0) * 60_000).toISOString(),
    request: { method: 'POST', path: '/webhook/orders', headers: {}, query: {}, body: { order: id } },
    nodes: [],
    result: { ok: true },
  };
}

/** Wraps segment storage and records the size of every append, so tests can count writes and bytes. */
export function spyOnAppends(segments: SegmentStorage): { segments: SegmentStorage; appends: number[] } {
  const appends: number[] = [];
  return {
    appends,
    segments: {
      ...segments,
      append: (seq, data) => {
        appends.push(data.length);
        return segments.append(seq, data);
      },
    },
  };
}
