/**
 * A token bucket holding up to `perMinute` calls, refilled continuously at `perMinute` per
 * minute: a quiet sender may burst up to a minute's worth, a steady one gets the rate.
 * `take` answers 0 when the call may go ahead, else the whole seconds until it may (Retry-After).
 * @example const take = createRateLimit(60); take(Date.now()) // 0
 */
export function createRateLimit(perMinute: number): (nowMs: number) => number {
  const perMs = perMinute / 60_000;
  let tokens = perMinute;
  let at = -Infinity;
  return (nowMs) => {
    tokens = Math.min(perMinute, tokens + (nowMs - at) * perMs);
    at = nowMs;
    if (tokens >= 1) {
      tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - tokens) / perMs / 1000));
  };
}
