import type { JsonSchema } from '../../api/types.js';

/** A titled group of a node's settings, by the config keys it holds. */
export interface SectionSpec {
  title: string;
  description?: string;
  keys: string[];
}

/**
 * The sections of node types whose settings are many: the webhook trigger's guards, grouped the way
 * a person thinks of them. Keys not named stay at the top, untitled; a key the schema lacks is skipped.
 */
export const formSections: Record<string, SectionSpec[]> = {
  webhook: [
    { title: 'Authentication', description: 'Check that each call comes from the sender you expect.', keys: ['auth'] },
    { title: 'Replay protection', description: 'Run a delivery once, even when the sender sends it again.', keys: ['dedupe'] },
    { title: 'Access', description: 'Who may call, how often, and how much they may send.', keys: ['allowIps', 'rateLimit', 'maxBodyBytes'] },
    { title: 'CORS', keys: ['cors'] },
    { title: 'Load', description: 'How many calls run at once, and how many may wait for their turn.', keys: ['concurrency'] },
  ],
};

/** A part of an object schema: the same schema with only some of its properties. */
export interface SchemaSection {
  title?: string;
  description?: string;
  schema: JsonSchema;
}

/**
 * Splits an object schema into its sections, in `specs` order after the untitled rest; empty
 * sections are dropped.
 *
 * @example
 * splitSections({ properties: { methods: {}, auth: {} } }, [{ title: 'Authentication', keys: ['auth'] }])
 * // [{ schema: { properties: { methods: {} } } }, { title: 'Authentication', schema: { properties: { auth: {} } } }]
 */
export function splitSections(schema: JsonSchema, specs: readonly SectionSpec[] = []): SchemaSection[] {
  const properties = schema.properties ?? {};
  const placed = new Set(specs.flatMap((spec) => spec.keys));
  const part = (keys: string[]): JsonSchema => ({
    ...schema,
    properties: Object.fromEntries(keys.filter((key) => properties[key]).map((key) => [key, properties[key]!])),
    required: (schema.required ?? []).filter((key) => keys.includes(key)),
  });
  const sections: SchemaSection[] = [{ schema: part(Object.keys(properties).filter((key) => !placed.has(key))) }];
  for (const spec of specs) sections.push({ title: spec.title, ...(spec.description ? { description: spec.description } : {}), schema: part(spec.keys) });
  return sections.filter((section) => Object.keys(section.schema.properties ?? {}).length > 0);
}

/**
 * The properties that hold the details of one choice of a sibling select, each with that select's
 * key: `generic` beside `preset: 'github' | 'generic' …` holds what the custom scheme needs.
 *
 * @example
 * choiceDetails({ properties: { preset: { enum: ['github', 'generic'] }, generic: { type: 'object' } } }) // Map { 'generic' => 'preset' }
 */
export function choiceDetails(schema: JsonSchema): Map<string, string> {
  const properties = schema.properties ?? {};
  const details = new Map<string, string>();
  for (const key of Object.keys(properties)) {
    const chooser = Object.entries(properties).find(([other, property]) => other !== key && property.enum?.includes(key));
    if (chooser) details.set(key, chooser[0]);
  }
  return details;
}

/**
 * The properties shown for the object's current value: the details of a choice only while it is
 * made (the chooser's value, else its default).
 *
 * @example
 * visibleKeys({ properties: { preset: { enum: ['github', 'generic'] }, generic: { type: 'object' } } }, { preset: 'github' }) // ['preset']
 */
export function visibleKeys(schema: JsonSchema, value: Record<string, unknown>): string[] {
  const properties = schema.properties ?? {};
  const details = choiceDetails(schema);
  return Object.keys(properties).filter((key) => {
    const chooser = details.get(key);
    return chooser === undefined || (value[chooser] ?? properties[chooser]!.default) === key;
  });
}

/** Words for select options whose values are code names (the signature senders); other values show as they are. */
export const optionLabels: Record<string, string> = {
  standardWebhooks: 'Standard Webhooks (also Svix)',
  github: 'GitHub',
  stripe: 'Stripe',
  shopify: 'Shopify',
  slack: 'Slack',
  generic: 'Custom (an HMAC of the body in one header)',
};
