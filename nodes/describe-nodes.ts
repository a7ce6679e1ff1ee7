import { z } from 'zod';
import type { NodeCategory, NodeDefinition } from './define-node.js';

/** One entry of the node catalog (`GET /api/node-types`): all the editor knows about a node type. */
export interface NodeDescription {
  type: string;
  label: string;
  category: NodeCategory;
  description: string;
  /** The static ports; a type whose ports depend on its config (switch) lists only the fixed ones. */
  outputs: string[];
  /** Present (true) for a node that joins parallel branches. */
  join?: boolean;
  /** Present (true) for a node that pauses the execution (delay, wait for webhook). */
  waits?: boolean;
  /** The config as JSON Schema of what a flow file may hold (defaults, titles, `widget` hints). */
  configSchema: z.core.JSONSchema.BaseSchema;
}

/**
 * The catalog the editor draws its palette and config forms from, so a node type's form
 * follows its zod schema without editor code of its own.
 *
 * @example
 * describeNodes([ifNode])[0].configSchema.properties.condition.widget; // 'jsonata'
 */
export function describeNodes(definitions: readonly NodeDefinition[]): NodeDescription[] {
  return definitions.map((definition) => ({
    type: definition.type,
    label: definition.label,
    category: definition.category,
    description: definition.description,
    outputs: [...definition.outputs],
    ...(definition.waits ? { waits: true } : {}),
    ...(definition.join ? { join: true } : {}),
    configSchema: z.toJSONSchema(definition.config, { io: 'input' }),
  }));
}
