import { TooManyAttemptsError } from './auth-errors.js';

interface Failures {
  count: number;
  last: number;
}

export interface ThrottleOptions {
  /** Failures allowed per username before each further attempt must wait (default 5). */
  perUser: number;
  /** Failures allowed per client address (default 20: offices share one address). */
  perAddress: number;
  /** The first wait; each further failure doubles it (default 1 s). */
  baseDelayMs: number;
  /** The longest wait (default 15 min). */
  maxDelayMs: number;
}

const defaults: ThrottleOptions = { perUser: 5, perAddress: 20, baseDelayMs: 1000, maxDelayMs: 15 * 60_000 };
/** Keys remembered at most; past it the oldest are forgotten, so a flood of names cannot exhaust memory. */
const maxKeys = 10_000;

/**
 * Slows password guessing: past a number of failures for a username or a client address, each
 * attempt must wait an exponentially growing delay after the last failure, else it is refused
 * with 429 and Retry-After before the password is even checked. A success clears the username.
 */
export class LoginThrottle {
  readonly #failures = new Map<string, Failures>();
  readonly #options: ThrottleOptions;

  constructor(options: Partial<ThrottleOptions> = {}) {
    this.#options = { ...defaults, ...options };
  }

  /** Throws TooManyAttemptsError when this username or address must still wait. */
  check(username: string, address: string, now = Date.now()): void {
    const wait = Math.max(this.#waitMs(userKey(username), this.#options.perUser, now), this.#waitMs(addressKey(address), this.#options.perAddress, now));
    if (wait > 0) throw new TooManyAttemptsError(Math.ceil(wait / 1000));
  }

  fail(username: string, address: string, now = Date.now()): void {
    for (const key of [userKey(username), addressKey(address)]) {
      const previous = this.#failures.get(key);
      this.#failures.delete(key);
      this.#failures.set(key, { count: (previous?.count ?? 0) + 1, last: now });
    }
    while (this.#failures.size > maxKeys) this.#failures.delete(this.#failures.keys().next().value!);
  }

  succeed(username: string): void {
    this.#failures.delete(userKey(username));
  }

  #waitMs(key: string, allowed: number, now: number): number {
    const failures = this.#failures.get(key);
    if (!failures || failures.count < allowed) return 0;
    const delay = Math.min(this.#options.baseDelayMs * 2 ** (failures.count - allowed), this.#options.maxDelayMs);
    return failures.last + delay - now;
  }
}

const userKey = (username: string) => `user:${username.toLowerCase()}`;
const addressKey = (address: string) => `ip:${address}`;
