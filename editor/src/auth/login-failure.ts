import { ApiError } from '../api/client.js';
import { messageOf } from '../components/ui/message-of.js';

/** Why signing in failed, in words that say what to do. */
export function loginFailureMessage(error: unknown): string {
  if (error instanceof ApiError && error.code === 'INVALID_LOGIN') return 'The username or the password is wrong. Check both and try again.';
  if (error instanceof ApiError && error.code === 'TOO_MANY_ATTEMPTS') {
    const wait = error.retryAfterSeconds;
    const when = wait ? ` Try again in ${wait >= 120 ? `${Math.ceil(wait / 60)} minutes` : `${wait} second${wait === 1 ? '' : 's'}`}.` : ' Wait a moment before trying again.';
    return `Too many failed sign-ins for this account or address.${when}`;
  }
  return messageOf(error);
}
