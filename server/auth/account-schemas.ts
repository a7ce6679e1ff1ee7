import type { Request } from 'express';
import { z } from 'zod';
import { BadRequestError } from '../errors.js';
import { requireJsonBody } from '../routes/request-input.js';
import { roles } from './auth-data.js';

export const username = z
  .string({ error: 'must be a string' })
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9._@-]+$/, 'may hold only letters, digits and . _ @ -');
export const password = z.string({ error: 'must be a string' }).min(10, 'must be at least 10 characters').max(200, 'must be at most 200 characters');
export const role = z.enum(roles, { error: `must be one of ${roles.join(', ')}` });
const secret = z.string({ error: 'must be a string' }).min(1, 'must not be empty').max(200, 'must be at most 200 characters');

export const loginBody = z.strictObject({ username, password: secret });
export const setupBody = z.strictObject({ token: secret, username, password });
export const passwordChangeBody = z.strictObject({ currentPassword: secret, newPassword: password });
export const tokenBody = z.strictObject({ name: z.string({ error: 'must be a string' }).trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters') });
export const newUserBody = z.strictObject({ username, password, role });
export const userChangeBody = z
  .strictObject({ role: role.optional(), password: password.optional() })
  .refine((change) => change.role !== undefined || change.password !== undefined, 'give "role", "password" or both');

/**
 * The request's JSON body checked against `schema`; a 400 naming the first wrong field (never
 * echoing its value: it may be a password) otherwise.
 */
export function parseBody<T extends z.ZodType>(schema: T, req: Request): z.infer<T> {
  const parsed = schema.safeParse(requireJsonBody(req));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.length > 0 ? `"${issue.path.join('.')}" ` : '';
  const message = issue.code === 'unrecognized_keys' ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key.slice(0, 40)}"`).join(', ')}` : `${field}${issue.message}`;
  throw new BadRequestError(`The request body is not valid: ${message}.`, 'INVALID_BODY');
}
