import { minPasswordLength } from '../api/auth.js';

/**
 * Why a new password typed twice cannot be used yet, or undefined when it can: checked in the
 * browser so that a person sees it before sending, the server checks it again.
 *
 * @example
 * newPasswordProblem('short', 'short') // 'Use at least 10 characters.'
 */
export function newPasswordProblem(password: string, repeated: string): string | undefined {
  if (password.length < minPasswordLength) return `Use at least ${minPasswordLength} characters.`;
  if (password !== repeated) return 'The two passwords differ: type the same password twice.';
  return undefined;
}

/** The setup token of a setup link (`/setup#token=…`), or undefined when the address carries none. */
export function setupTokenOf(hash: string): string | undefined {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token || undefined;
}

/** Whether the page was opened at the setup link's path. */
export const isSetupPath = (pathname: string): boolean => /\/setup\/?$/.test(pathname);
