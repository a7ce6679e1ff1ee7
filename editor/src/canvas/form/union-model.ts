import type { JsonSchema } from '../../api/types.js';
import { objectDefaults } from '../schema-defaults.js';

type Tag = string | number | boolean;

/** One choice of a discriminated union: its tag (the discriminator's constant), a label and its object schema. */
export interface UnionVariant {
  tag: Tag;
  label: string;
  schema: JsonSchema;
}

/** A union of objects told apart by one property with a constant value (zod's `discriminatedUnion` as JSON Schema). */
export interface DiscriminatedUnion {
  key: string;
  variants: UnionVariant[];
}

function tagOf(property: JsonSchema | undefined): Tag | undefined {
  if (!property) return undefined;
  if (property.const !== undefined) return property.const as Tag;
  return property.enum?.length === 1 ? (property.enum[0] as Tag) : undefined;
}

/**
 * The discriminated union a schema describes, or undefined when it is not one: every non-null
 * variant of its `oneOf`/`anyOf` is an object whose property `key` holds a different constant.
 *
 * @example
 * discriminatedUnionOf({ oneOf: [
 *   { type: 'object', properties: { kind: { const: 'none' } } },
 *   { type: 'object', title: 'GitHub', properties: { kind: { const: 'github' }, secret: { type: 'string' } } },
 * ] }) // { key: 'kind', variants: [{ tag: 'none', label: 'none', … }, { tag: 'github', label: 'GitHub', … }] }
 */
export function discriminatedUnionOf(schema: JsonSchema): DiscriminatedUnion | undefined {
  const variants = (schema.oneOf ?? schema.anyOf)?.filter((variant) => variant.type !== 'null');
  if (!variants || variants.length < 2 || !variants.every((variant) => variant.properties)) return undefined;
  const candidates = Object.keys(variants[0]!.properties!).filter((key) => tagOf(variants[0]!.properties![key]) !== undefined);
  const key = candidates.find((name) => {
    const tags = variants.map((variant) => tagOf(variant.properties![name]));
    return tags.every((tag) => tag !== undefined) && new Set(tags).size === tags.length;
  });
  if (key === undefined) return undefined;
  return {
    key,
    variants: variants.map((variant) => {
      const property = variant.properties![key]!;
      const tag = tagOf(property)!;
      return { tag, label: variant.title ?? property.title ?? String(tag), schema: variant };
    }),
  };
}

/** The variant the value is, by its discriminator; undefined for no value or an unknown tag. */
export function variantOf(union: DiscriminatedUnion, value: unknown): UnionVariant | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const tag = (value as Record<string, unknown>)[union.key];
  return union.variants.find((variant) => variant.tag === tag);
}

/**
 * The value after choosing another variant: the new variant's defaults and tag, keeping what was
 * typed into fields the two variants share (a credential name, a header), so switching back and
 * forth loses little.
 */
export function switchVariant(union: DiscriminatedUnion, value: unknown, tag: Tag): Record<string, unknown> {
  const variant = union.variants.find((candidate) => candidate.tag === tag);
  if (!variant) throw new Error(`No variant “${String(tag)}”.`);
  const old = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  const kept = Object.fromEntries(Object.entries(old).filter(([key]) => key !== union.key && variant.schema.properties?.[key]));
  return { ...objectDefaults(variant.schema), ...kept, [union.key]: tag };
}

/** A variant's schema without its discriminator, for drawing the variant's own fields. */
export function fieldsOfVariant(union: DiscriminatedUnion, variant: UnionVariant): JsonSchema {
  const { [union.key]: _tag, ...properties } = variant.schema.properties ?? {};
  return { ...variant.schema, properties, required: (variant.schema.required ?? []).filter((key) => key !== union.key) };
}
