import { counterNode } from './counter.js';
import type { NodeDefinition } from './define-node.js';
import { delayNode } from './delay.js';
import { emailNode } from './email.js';
import { errorTriggerNode } from './error-trigger.js';
import { httpRequestNode } from './http-request.js';
import { ifNode } from './if.js';
import { mergeNode } from './merge.js';
import { respondNode } from './respond.js';
import { switchNode } from './switch.js';
import { transformNode } from './transform.js';
import { waitForWebhookNode } from './wait-for-webhook.js';
import { webhookNode } from './webhook.js';

export type NodeRegistry = ReadonlyMap<string, NodeDefinition>;

/** Every node type Hookflow ships; adding a type means adding its module and one line here. */
export const builtInNodes: readonly NodeDefinition[] = [
  webhookNode,
  errorTriggerNode,
  transformNode,
  ifNode,
  switchNode,
  mergeNode,
  delayNode,
  waitForWebhookNode,
  httpRequestNode,
  respondNode,
  counterNode,
  emailNode,
] as NodeDefinition[];

export function createRegistry(definitions: readonly NodeDefinition[] = builtInNodes): NodeRegistry {
  return new Map(definitions.map((definition) => [definition.type, definition]));
}
