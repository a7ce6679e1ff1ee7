import { describe, expect, it } from 'vitest';
import { BusyError } from '../../server/runtime/busy-error.js';
import { ExecutionSlots, type Slot } from '../../server/runtime/execution-slots.js';

/** Which of `slots` have started, after pending promise callbacks ran. */
async function started(slots: Slot[]): Promise<boolean[]> {
  const flags = slots.map(() => false);
  slots.forEach((slot, index) => void slot.ready?.then(() => (flags[index] = true)));
  await new Promise((resolve) => setImmediate(resolve));
  return slots.map((slot, index) => slot.ready === undefined || flags[index]!);
}

function refusal(reserve: () => unknown): BusyError {
  try {
    reserve();
  } catch (error) {
    if (error instanceof BusyError) return error;
    throw error;
  }
  throw new Error('expected a BusyError');
}

describe('ExecutionSlots', () => {
  it('starts an unlimited execution at once while the server has room', () => {
    const slots = new ExecutionSlots(2, 0);
    const first = slots.reserve('a', undefined);
    expect(first.ready).toBeUndefined();
    expect(slots.reserve('b', undefined).ready).toBeUndefined();
    expect(refusal(() => slots.reserve('c', undefined))).toMatchObject({ code: 'SERVER_BUSY', status: 503, retryAfterSeconds: expect.any(Number) });
    first.release();
    expect(slots.reserve('c', undefined).ready).toBeUndefined();
  });

  it("queues a flow's executions past its limit, refuses past its queue, and starts them in order", async () => {
    const slots = new ExecutionSlots(100, 100);
    const limit = { limit: 1, queue: 2 };
    const running = slots.reserve('flow', limit);
    const second = slots.reserve('flow', limit);
    const third = slots.reserve('flow', limit);
    expect(refusal(() => slots.reserve('flow', limit))).toMatchObject({ code: 'WEBHOOK_BUSY', status: 429 });
    expect(slots.reserve('other', limit).ready).toBeUndefined();
    expect(await started([running, second, third])).toEqual([true, false, false]);
    running.release();
    expect(await started([second, third])).toEqual([true, false]);
    second.release();
    expect(await started([third])).toEqual([true]);
  });

  it('a waiter that leaves the queue frees its place and is never started', async () => {
    const slots = new ExecutionSlots(100, 100);
    const limit = { limit: 1, queue: 1 };
    const running = slots.reserve('flow', limit);
    const leaving = slots.reserve('flow', limit);
    leaving.release();
    const next = slots.reserve('flow', limit);
    running.release();
    running.release();
    expect(await started([leaving, next])).toEqual([false, true]);
    expect(refusal(() => (slots.reserve('flow', limit), slots.reserve('flow', limit)))).toMatchObject({ code: 'WEBHOOK_BUSY' });
  });

  it("counts a flow's waiters against the server's queue, and orders the server's waiters across flows", async () => {
    const slots = new ExecutionSlots(1, 2);
    const running = slots.reserve('a', undefined);
    const queuedB = slots.reserve('b', { limit: 5, queue: 5 });
    const queuedC = slots.reserve('c', undefined);
    expect(refusal(() => slots.reserve('d', undefined))).toMatchObject({ code: 'SERVER_BUSY' });
    expect(refusal(() => slots.reserve('b', { limit: 5, queue: 5 }))).toMatchObject({ code: 'SERVER_BUSY' });
    running.release();
    expect(await started([queuedB, queuedC])).toEqual([true, false]);
    queuedB.release();
    expect(await started([queuedC])).toEqual([true]);
  });

  it('a raised limit starts waiting executions', async () => {
    const slots = new ExecutionSlots(100, 100);
    slots.reserve('flow', { limit: 1, queue: 5 });
    const waiting = slots.reserve('flow', { limit: 1, queue: 5 });
    expect(slots.reserve('flow', { limit: 3, queue: 5 }).ready).toBeUndefined();
    expect(await started([waiting])).toEqual([true]);
  });
});
