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

type Cost = Pick<PasswordHash, 'N' | 'r' | 'p'>;

/**
 * One of OWASP's equivalent scrypt settings (N=2^15, r=8, p=3): 32 MiB per hash instead of the
 * 128 MiB of N=2^17, p=1, for the same work.
 */
const defaultCost: Cost = { N: 2 ** 15, r: 8, p: 3 };
let cost = defaultCost;

/**
 * Sets the cost of the hashes made from now on (tests lower it to stay fast). Each stored hash
 * keeps its own parameters, so hashes of either cost still verify.
 */
export function setPasswordCost(next: Cost = defaultCost): void {
  cost = next;
}
const keyLength = 64;

function derive(password: string, salt: Buffer, params: Cost): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) => scrypt(password.normalize('NFKC'), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key))));
}

/**
 * Hashes a password with scrypt and a fresh 16-byte salt.
 * @example const stored = await hashPassword('correct horse battery'); await verifyPassword('correct horse battery', stored) // true
 */
export async function hashPassword(password: string): Promise<PasswordHash> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost);
  return { algorithm: 'scrypt', ...cost, salt: salt.toString('base64'), hash: key.toString('base64') };
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
