import { describe, expect, it } from 'vitest';
import { DeliveryLog, deliveryKey } from '../../../server/webhook/guards/delivery-log.js';
import { createRateLimit } from '../../../server/webhook/guards/rate-limit.js';

describe('rate limit (token bucket)', () => {
  it('lets a minute of calls through at once, then one per refill, answering the seconds to wait', () => {
    const take = createRateLimit(6);
    const start = 1_000_000;
    for (let call = 0; call < 6; call++) expect(take(start)).toBe(0);
    expect(take(start)).toBe(10);
    expect(take(start + 5_000)).toBe(5);
    expect(take(start + 10_000)).toBe(0);
    expect(take(start + 10_000)).toBeGreaterThan(0);
    expect(take(start + 600_000)).toBe(0);
  });
});

describe('delivery log', () => {
  it('finds a delivery within its window only', () => {
    const log = new DeliveryLog();
    log.remember('flow\nmsg_1', 'exec-1', 0, 60);
    expect(log.find('flow\nmsg_1', 59_999)).toBe('exec-1');
    expect(log.find('flow\nmsg_2', 1)).toBeUndefined();
    expect(log.find('flow\nmsg_1', 60_000)).toBeUndefined();
  });

  it('forgets the oldest entry past its capacity', () => {
    const log = new DeliveryLog(2);
    log.remember('a', '1', 0, 60);
    log.remember('b', '2', 0, 60);
    log.remember('c', '3', 0, 60);
    expect([log.find('a', 1), log.find('b', 1), log.find('c', 1)]).toEqual([undefined, '2', '3']);
  });

  it('keys deliveries by flow, and ignores missing or absurd ids', () => {
    expect(deliveryKey('f', 'msg_1')).not.toBe(deliveryKey('g', 'msg_1'));
    expect(deliveryKey('f', undefined)).toBeUndefined();
    expect(deliveryKey('f', '')).toBeUndefined();
    expect(deliveryKey('f', 'x'.repeat(201))).toBeUndefined();
  });
});
