import { z } from 'zod';
import type { FlowProblem } from '../errors.js';
import { credentialNamePattern, credentialSchemas, credentialTypes } from './credential-schemas.js';
import { CredentialInvalidError } from './errors.js';
import type { CredentialFields, CredentialType } from './types.js';

const description = z.string({ error: 'The description must be text.' }).max(1000, 'The description is longer than 1000 characters.');
// z.record drops a "__proto__" key without a word; refuse it like any other unknown field.
const data = z
  .custom<Record<string, unknown>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), { error: 'data must be an object of the credential\'s fields.' })
  .refine((value) => !Object.hasOwn(value, '__proto__'), { error: 'Unknown field "__proto__".' })
  .pipe(z.record(z.string(), z.unknown()));

const createBody = z.strictObject({
  name: z.string({ error: 'Enter a name.' }).regex(credentialNamePattern, 'The name must start with a letter or digit and hold at most 64 letters, digits, ".", "_" or "-".'),
  type: z.enum(credentialTypes, { error: `The type must be one of ${credentialTypes.join(', ')}.` }),
  description: description.optional(),
  data,
});

const updateBody = z.strictObject({ description: description.optional(), data: data.optional() });

export interface CredentialInput<T extends CredentialType = CredentialType> {
  name: string;
  type: T;
  description?: string;
  fields: CredentialFields[T];
}

/** A new credential from `POST /api/credentials`'s body; throws CredentialInvalidError listing every problem. */
export function parseNewCredential(body: unknown): CredentialInput {
  const parsed = check(createBody, body, '');
  const { name, type } = parsed;
  return { name, type, fields: checkFields(type, parsed.data), ...(parsed.description === undefined ? {} : { description: parsed.description }) };
}

/**
 * A changed credential from `PUT /api/credentials/:name`'s body: fields given replace the
 * current ones, fields omitted are kept, and a field given as null is removed.
 */
export function parseCredentialChange<T extends CredentialType>(current: CredentialInput<T>, body: unknown): CredentialInput<T> {
  const parsed = check(updateBody, body, '');
  const merged: Record<string, unknown> = { ...current.fields, ...parsed.data };
  for (const [field, value] of Object.entries(merged)) if (value === null) delete merged[field];
  const changed = { ...current, fields: checkFields(current.type, merged) };
  if (parsed.description !== undefined) changed.description = parsed.description;
  return changed;
}

function checkFields<T extends CredentialType>(type: T, fields: unknown): CredentialFields[T] {
  return check(credentialSchemas[type] as unknown as z.ZodType<CredentialFields[T]>, fields, 'data');
}

function check<S extends z.ZodType>(schema: S, value: unknown, prefix: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems: FlowProblem[] = result.error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
    message: issue.code === 'unrecognized_keys' ? `Unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key.slice(0, 64)}"`).join(', ')}.` : issue.message,
  }));
  throw new CredentialInvalidError(problems);
}
