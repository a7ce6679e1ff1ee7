import { z } from 'zod';
import type { CredentialFields, CredentialType } from './types.js';

/** The longest value a credential field may hold (characters). */
export const maxValueLength = 8 * 1024;

export const credentialNamePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const value = (what: string) =>
  z.string({ error: `${what} must be text.` }).min(1, `Enter the ${what}.`).max(maxValueLength, `The ${what} is longer than ${maxValueLength} characters.`);

/** An HTTP header name (RFC 9110 token). */
const headerName = z
  .string({ error: 'The header name must be text.' })
  .max(256, 'The header name is longer than 256 characters.')
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'The header name may hold only letters, digits and !#$%&\'*+.^_`|~- (no spaces or colons).');

/** Header values may not hold line breaks or other control characters, so no header can be forged. */
const headerValue = (what: string) => value(what).regex(/^[^\0-\x08\x0a-\x1f\x7f]*$/, `The ${what} may not hold line breaks or control characters.`);

/** The fields each credential type accepts; unknown fields are refused so nothing is stored by mistake. */
export const credentialSchemas = {
  apiKey: z.strictObject({ header: headerName, value: headerValue('value'), previousValue: headerValue('previous value').optional() }),
  bearer: z.strictObject({ token: headerValue('token') }),
  basic: z.strictObject({
    username: value('username').regex(/^[^:\0-\x1f\x7f]*$/, 'The username may not hold a colon or control characters.'),
    password: headerValue('password'),
  }),
  smtp: z.strictObject({
    host: z.string().min(1, 'Enter the SMTP host.').max(253).regex(/^[A-Za-z0-9.:[\]-]+$/, 'The host must be a host name or an IP address.'),
    port: z.int('The port must be a whole number.').min(1, 'The port must be 1–65535.').max(65535, 'The port must be 1–65535.'),
    secure: z.boolean({ error: 'secure must be true (TLS from the start, usually port 465) or false (STARTTLS).' }),
    username: value('username').optional(),
    password: value('password').optional(),
  }),
  hmacSecret: z.strictObject({ secret: value('secret'), previousSecret: value('previous secret').optional() }),
  publicKey: z.strictObject({ key: value('key'), previousKey: value('previous key').optional() }),
} satisfies { [T in CredentialType]: z.ZodType<CredentialFields[T]> };

export const credentialTypes = Object.keys(credentialSchemas) as CredentialType[];

export const isCredentialType = (type: unknown): type is CredentialType => typeof type === 'string' && Object.hasOwn(credentialSchemas, type);

/** The fields of each type whose values are secret (a public key is not). */
const secretFields: { [T in CredentialType]: readonly (keyof CredentialFields[T])[] } = {
  apiKey: ['value', 'previousValue'],
  bearer: ['token'],
  basic: ['password'],
  smtp: ['password'],
  hmacSecret: ['secret', 'previousSecret'],
  publicKey: [],
};

/**
 * The strings that must never appear in a record or log once this credential was used: its
 * secret fields, plus the forms a node sends them in (basic auth's base64 `user:password`).
 */
export function secretValuesOf<T extends CredentialType>(type: T, fields: CredentialFields[T]): string[] {
  const values = secretFields[type].map((field) => fields[field]).filter((entry): entry is never => typeof entry === 'string' && entry !== '') as string[];
  if (type === 'basic') {
    const { username, password } = fields as CredentialFields['basic'];
    values.push(Buffer.from(`${username}:${password}`, 'utf8').toString('base64'));
  }
  return values;
}
