import { z } from 'zod';
import type { NodeDefinition } from '../../nodes/define-node.js';
import type { NodeRegistry } from '../../nodes/registry.js';
import type { FlowFile } from '../engine/flow-schema.js';
import { isCredentialType } from './credential-schemas.js';
import type { CredentialType } from './types.js';

/** One config field of a node that names a credential. */
export interface CredentialReference {
  /** Path inside the node's config, such as `auth.credential`. */
  path: string;
  name: string;
  /** The types the field accepts (its `credentialTypes` meta). */
  types: CredentialType[];
}

type Schema = z.core.JSONSchema._JSONSchema;

const schemas = new WeakMap<NodeDefinition, Schema>();

/**
 * The credentials a node's config names: the string values of fields whose schema carries
 * `widget: 'credential'`. Walks the JSON Schema alongside the value, taking only the union
 * branches whose `const` discriminators match, so an `auth` of type `basic` reports only the
 * basic branch's field.
 *
 * @example credentialReferencesOf(httpRequestNode, { auth: { type: 'bearer', credential: 'crm' } })
 * // [{ path: 'auth.credential', name: 'crm', types: ['bearer'] }]
 */
export function credentialReferencesOf(definition: NodeDefinition, config: unknown): CredentialReference[] {
  let schema = schemas.get(definition);
  if (!schema) {
    schema = z.toJSONSchema(definition.config, { io: 'input', unrepresentable: 'any' }) as Schema;
    schemas.set(definition, schema);
  }
  const found: CredentialReference[] = [];
  collect(schema, config, [], found);
  return found;
}

function collect(schema: Schema, value: unknown, path: string[], found: CredentialReference[]): void {
  if (typeof schema !== 'object' || value === undefined || value === null) return;
  if (schema.widget === 'credential' && typeof value === 'string') {
    const types = Array.isArray(schema.credentialTypes) ? schema.credentialTypes.filter(isCredentialType) : [];
    found.push({ path: path.join('.'), name: value, types });
    return;
  }
  for (const branch of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) {
    if (matches(branch, value)) collect(branch, value, path, found);
  }
  if (Array.isArray(value)) {
    if (schema.items && typeof schema.items === 'object' && !Array.isArray(schema.items)) {
      value.forEach((item, index) => collect(schema.items as Schema, item, [...path, String(index)], found));
    }
    return;
  }
  if (typeof value !== 'object') return;
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    if (Object.hasOwn(value, key)) collect(child, (value as Record<string, unknown>)[key], [...path, key], found);
  }
}

/** False when the branch fixes a property (`const`) to a value other than the one given. */
function matches(branch: Schema, value: unknown): boolean {
  if (typeof branch !== 'object' || !branch.properties || typeof value !== 'object' || value === null) return true;
  return Object.entries(branch.properties).every(
    ([key, property]) => typeof property !== 'object' || property.const === undefined || (value as Record<string, unknown>)[key] === property.const,
  );
}

/** The ids of the stored flows with a node that names credential `name` (active or not). */
export function flowsUsingCredential(flows: readonly FlowFile[], registry: NodeRegistry, name: string): string[] {
  return flows
    .filter((flow) =>
      flow.nodes.some((node) => {
        const definition = registry.get(node.type);
        return definition !== undefined && credentialReferencesOf(definition, node.config).some((reference) => reference.name === name);
      }),
    )
    .map((flow) => flow.id);
}
