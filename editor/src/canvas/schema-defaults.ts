import type { JsonSchema } from '../api/types.js';

/** The schema a field actually has: the first non-null variant of an `anyOf`/`oneOf`. */
export function resolveSchema(schema: JsonSchema): JsonSchema {
  const variants = schema.anyOf ?? schema.oneOf;
  if (!variants) return schema;
  const chosen = variants.find((variant) => variant.type !== 'null') ?? variants[0] ?? {};
  return { ...chosen, title: schema.title ?? chosen.title, description: schema.description ?? chosen.description, default: schema.default ?? chosen.default };
}

export function typeOf(schema: JsonSchema): string | undefined {
  return Array.isArray(schema.type) ? schema.type.find((type) => type !== 'null') : schema.type;
}

/**
 * The value a new field starts with: its `default`, else an empty value when the field is
 * required (so the form shows it), else nothing.
 *
 * @example
 * initialValue({ type: 'array', minItems: 1, items: { type: 'string' } }, true); // ['']
 */
export function initialValue(raw: JsonSchema, required: boolean): unknown {
  const schema = resolveSchema(raw);
  if (schema.default !== undefined) return structuredClone(schema.default);
  if (!required) return undefined;
  switch (typeOf(schema)) {
    case 'string':
      return schema.enum ? schema.enum[0] : '';
    case 'array': {
      const count = schema.minItems ?? 0;
      return Array.from({ length: count }, () => initialValue(schema.items ?? {}, true));
    }
    case 'object':
      return objectDefaults(schema);
    case 'boolean':
      return false;
    default:
      return undefined;
  }
}

/** A new object (a node's config, a new rule) filled with its schema's defaults. */
export function objectDefaults(schema: JsonSchema): Record<string, unknown> {
  const required = new Set(schema.required ?? []);
  const result: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    const value = initialValue(property, required.has(key));
    if (value !== undefined) result[key] = value;
  }
  return result;
}
