import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../server/logger.js';
import { SampleCatcher } from '../../server/runtime/sample-capture.js';
import { TestListeners } from '../../server/runtime/test-listeners.js';
import { createMemoryStore } from '../../server/store/open-store.js';

describe('TestListeners', () => {
  it('hands a delivered value to every caller waiting for that key, and to no other', async () => {
    const listeners = new TestListeners<string>();
    const first = listeners.wait('orders', 10_000);
    const second = listeners.wait('orders', 10_000);
    const other = listeners.wait('refunds', 50);
    expect(listeners.isListening('orders')).toBe(true);
    expect(listeners.size).toBe(3);
    expect(listeners.deliver('orders', 'request 1')).toBe(2);
    expect(await Promise.all([first, second])).toEqual(['request 1', 'request 1']);
    expect(await other).toBeUndefined();
    expect(listeners.isListening('orders')).toBe(false);
    expect(listeners.size).toBe(0);
  });

  it('delivers only to those already waiting: a value nobody waits for is dropped', async () => {
    const listeners = new TestListeners<string>();
    expect(listeners.deliver('orders', 'early')).toBe(0);
    const late = listeners.wait('orders', 10_000);
    listeners.deliver('orders', 'next');
    expect(await late).toBe('next');
  });

  it('resolves undefined when the time runs out, and forgets the caller', async () => {
    vi.useFakeTimers();
    try {
      const listeners = new TestListeners<string>();
      const waiting = listeners.wait('orders', 30_000);
      vi.advanceTimersByTime(29_999);
      expect(listeners.size).toBe(1);
      vi.advanceTimersByTime(1);
      expect(await waiting).toBeUndefined();
      expect(listeners.size).toBe(0);
      expect(listeners.isListening('orders')).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('stops waiting when the signal aborts, also when it was aborted before, leaving no timer or listener', async () => {
    const listeners = new TestListeners<string>();
    const gone = new AbortController();
    const waiting = listeners.wait('orders', 60_000, gone.signal);
    const staying = listeners.wait('orders', 60_000);
    gone.abort();
    expect(await waiting).toBeUndefined();
    expect(listeners.size).toBe(1);
    expect(await listeners.wait('orders', 60_000, gone.signal)).toBeUndefined();
    expect(listeners.size).toBe(1);
    listeners.deliver('orders', 'still delivered');
    expect(await staying).toBe('still delivered');
    expect(listeners.size).toBe(0);
  });
});

describe('SampleCatcher', () => {
  it('refuses a listener past its limit with 429, and takes one again once a wait ends', async () => {
    const catcher = new SampleCatcher(createMemoryStore().flows, createLogger('silent'), 2);
    const gone = new AbortController();
    const waits = [catcher.listen('orders', 10_000, gone.signal), catcher.listen('refunds', 10_000, gone.signal)];
    expect(() => catcher.listen('orders', 10_000, gone.signal)).toThrow(expect.objectContaining({ code: 'TOO_MANY_LISTENERS', status: 429 }));
    gone.abort();
    expect(await Promise.all(waits)).toEqual([undefined, undefined]);
    const again = new AbortController();
    const next = catcher.listen('orders', 10_000, again.signal);
    again.abort();
    expect(await next).toBeUndefined();
  });
});
