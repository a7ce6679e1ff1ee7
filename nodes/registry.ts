import type { NodeDefinition } from './define-node.js';
import { ifNode } from './if.js';
import { transformNode } from './transform.js';
import { webhookNode } from './webhook.js';

export type NodeRegistry = ReadonlyMap<string, NodeDefinition>;

/** Every node type Hookflow ships; adding a type means adding its module and one line here. */
export const builtInNodes: readonly NodeDefinition[] = [webhookNode, transformNode, ifNode] as NodeDefinition[];

export function createRegistry(definitions: readonly NodeDefinition[] = builtInNodes): NodeRegistry {
  return new Map(definitions.map((definition) => [definition.type, definition]));
}
