import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** A password as stored: the scrypt parameters travel with the hash, so they can be raised later. */
export interface PasswordHash {
  algorithm: 'scrypt';
  N: number;
  r: number;
  p: number;
  /** base64 */
  salt: string;
  /** base64, 64 bytes */
  hash: string;
}

/** OWASP's scrypt minimum (N=2^17, r=8, p=1) costs ~128 MiB; 2^15 keeps logins near 100 ms on small servers. */
const defaults = { N: 2 ** 15, r: 8, p: 1 } as const;
const keyLength = 64;

function derive(password: string, salt: Buffer, params: Pick<PasswordHash, 'N' | 'r' | 'p'>): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) => scrypt(password.normalize('NFKC'), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key))));
}

/**
 * Hashes a password with scrypt and a fresh 16-byte salt.
 * @example const stored = await hashPassword('correct horse battery'); await verifyPassword('correct horse battery', stored) // true
 */
export async function hashPassword(password: string): Promise<PasswordHash> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, defaults);
  return { algorithm: 'scrypt', ...defaults, salt: salt.toString('base64'), hash: key.toString('base64') };
}

/** Checks a password against its stored hash, comparing in constant time. */
export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64');
  const key = await derive(password, Buffer.from(stored.salt, 'base64'), stored);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/**
 * A hash nobody's password matches, verified against when the username is unknown so that a
 * login for a missing user takes as long as one with a wrong password.
 */
export function decoyHash(): Promise<PasswordHash> {
  decoy ??= hashPassword(randomBytes(24).toString('base64'));
  return decoy;
}
let decoy: Promise<PasswordHash> | undefined;
