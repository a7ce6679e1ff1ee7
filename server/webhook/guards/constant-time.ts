import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares a received value with an expected one in time that does not depend on where they
 * differ. Both are hashed first, so buffers of equal length are compared and not even the
 * expected value's length leaks.
 */
export function sameSecret(received: string | Buffer, expected: string | Buffer): boolean {
  return timingSafeEqual(digest(received), digest(expected));
}

const digest = (value: string | Buffer) => createHash('sha256').update(value).digest();

/** Compares two MACs; a received one of the wrong length is simply wrong (a MAC's length is public). */
export function sameMac(received: Buffer, expected: Buffer): boolean {
  return received.length === expected.length && timingSafeEqual(received, expected);
}
