import { describe, expect, it } from 'vitest';
import { TooManyAttemptsError } from '../../server/auth/auth-errors.js';
import { LoginThrottle } from '../../server/auth/login-throttle.js';

const refusal = (run: () => void) => {
  try {
    run();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(TooManyAttemptsError);
    return (error as TooManyAttemptsError).retryAfterSeconds;
  }
};

describe('LoginThrottle', () => {
  it('lets 5 failures for a username through, then doubles the wait after each further failure', () => {
    const throttle = new LoginThrottle();
    for (let n = 0; n < 5; n += 1) {
      expect(refusal(() => throttle.check('Ada', '10.0.0.1', 0))).toBeUndefined();
      throttle.fail('Ada', '10.0.0.1', 0);
    }
    expect(refusal(() => throttle.check('ada', '10.0.0.2', 0))).toBe(1);
    expect(refusal(() => throttle.check('ada', '10.0.0.2', 1000))).toBeUndefined();
    throttle.fail('ada', '10.0.0.2', 1000);
    expect(refusal(() => throttle.check('ada', '10.0.0.2', 2000))).toBe(1);
    expect(refusal(() => throttle.check('ada', '10.0.0.2', 3000))).toBeUndefined();
    expect(refusal(() => throttle.check('bob', '10.0.0.2', 1000))).toBeUndefined();
  });

  it('slows one address guessing many usernames, and caps the wait', () => {
    const throttle = new LoginThrottle({ perAddress: 3, maxDelayMs: 4000 });
    for (let n = 0; n < 20; n += 1) throttle.fail(`user-${n}`, '10.0.0.9', 0);
    expect(refusal(() => throttle.check('someone-new', '10.0.0.9', 0))).toBe(4);
    expect(refusal(() => throttle.check('someone-new', '10.0.0.8', 0))).toBeUndefined();
  });

  it('a success clears the username', () => {
    const throttle = new LoginThrottle({ perUser: 1 });
    throttle.fail('ada', '10.0.0.1', 0);
    expect(refusal(() => throttle.check('ada', '10.0.0.1', 0))).toBe(1);
    throttle.succeed('ada');
    expect(refusal(() => throttle.check('ada', '10.0.0.1', 0))).toBeUndefined();
  });
});
