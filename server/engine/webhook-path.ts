import type { FlowFile } from './flow-schema.js';

/** The custom webhook path a flow asks for (its webhook node's `path`), if any. */
export function customWebhookPath(flow: FlowFile): string | undefined {
  const trigger = flow.nodes.find((node) => node.type === 'webhook');
  const path = trigger?.config.path;
  return typeof path === 'string' && path.length > 0 ? path : undefined;
}

/** Whether a webhook starts the flow; a flow started otherwise (an error-handler flow) has no webhook URL. */
export function hasWebhook(flow: FlowFile): boolean {
  return flow.nodes.some((node) => node.type === 'webhook');
}
