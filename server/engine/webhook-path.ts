import type { FlowFile } from './flow-schema.js';

/** The custom webhook path a flow asks for (its webhook node's `path`), if any. */
export function customWebhookPath(flow: FlowFile): string | undefined {
  const trigger = flow.nodes.find((node) => node.type === 'webhook');
  const path = trigger?.config.path;
  return typeof path === 'string' && path.length > 0 ? path : undefined;
}
