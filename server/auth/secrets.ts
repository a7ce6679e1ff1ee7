import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh random secret of `bytes` bytes, base64url (URL- and header-safe, no padding). */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * The SHA-256 of a high-entropy secret, hex. Session ids and API tokens are 32 random bytes, so a
 * plain hash is enough to store them: nobody can guess one back from its hash, and a stolen
 * `auth.json` holds nothing that works as a credential.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Compares two strings in time that depends only on their lengths, not on where they differ. */
export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
