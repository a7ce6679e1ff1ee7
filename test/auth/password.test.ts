import { describe, expect, it } from 'vitest';
import { hashPassword, setPasswordCost, verifyPassword } from '../../server/auth/password.js';

describe('password hashes', () => {
  it('are scrypt with a fresh salt and their parameters, and verify only the right password', async () => {
    setPasswordCost({ N: 1024, r: 8, p: 1 });
    const [first, second] = [await hashPassword('correct horse battery'), await hashPassword('correct horse battery')];
    expect(first).toMatchObject({ algorithm: 'scrypt', N: 1024, r: 8, p: 1 });
    expect(Buffer.from(first.salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(first.hash, 'base64')).toHaveLength(64);
    expect(first.hash).not.toBe(second.hash);
    expect(JSON.stringify(first)).not.toContain('correct horse');
    expect(await verifyPassword('correct horse battery', first)).toBe(true);
    expect(await verifyPassword('correct horse batterY', first)).toBe(false);
    expect(await verifyPassword('', first)).toBe(false);
  });

  it('a hash keeps verifying after the cost of new hashes changes', async () => {
    setPasswordCost({ N: 1024, r: 8, p: 1 });
    const cheap = await hashPassword('a-long-password');
    setPasswordCost({ N: 2048, r: 8, p: 1 });
    expect((await hashPassword('a-long-password')).N).toBe(2048);
    expect(await verifyPassword('a-long-password', cheap)).toBe(true);
    setPasswordCost();
    expect((await hashPassword('x')).N).toBe(2 ** 15);
  });
});
