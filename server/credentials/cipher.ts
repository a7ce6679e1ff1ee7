import { createCipheriv, createDecipheriv, randomBytes, type KeyObject } from 'node:crypto';

/** One encrypted value as stored: base64 of the IV, the GCM tag and the ciphertext. */
export interface SealedValue {
  iv: string;
  tag: string;
  data: string;
}

/**
 * Encrypts `plaintext` with AES-256-GCM under a fresh random 12-byte IV. `aad` is authenticated
 * but not stored: opening needs the same `aad`, so a sealed value moved to another credential
 * (another name or type) no longer opens.
 */
export function seal(key: KeyObject, plaintext: string, aad: string): SealedValue {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

/** The plaintext of a sealed value; throws when the key, the `aad` or any stored byte differs. */
export function open(key: KeyObject, sealed: SealedValue, aad: string): string {
  const iv = Buffer.from(sealed.iv, 'base64');
  const tag = Buffer.from(sealed.tag, 'base64');
  if (iv.length !== 12 || tag.length !== 16) throw new Error('the IV or authentication tag has the wrong length');
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
}
