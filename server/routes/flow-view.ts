import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { customWebhookPath, hasWebhook } from '../engine/webhook-path.js';
import type { StoredFlow } from '../store/types.js';

/** The base URL webhook URLs are shown with: the configured public URL, else the caller's host. */
export function baseUrlOf(req: IncomingMessage, publicUrl: string | undefined): string {
  return publicUrl ?? `http${(req.socket as TLSSocket).encrypted ? 's' : ''}://${req.headers.host ?? 'localhost'}`;
}

/** Where a stored flow answers: its custom path if it has one, else its secret token. */
export function webhookPathOf(stored: StoredFlow): string {
  return customWebhookPath(stored.flow) ?? stored.token;
}

/** The flow's live and test URLs; null for a flow no webhook starts (an error-handler flow). */
export function webhookUrls(stored: StoredFlow, base: string): { url: string; testUrl: string } | null {
  if (!hasWebhook(stored.flow)) return null;
  const path = webhookPathOf(stored);
  return { url: `${base}/webhook/${path}`, testUrl: `${base}/webhook-test/${path}` };
}

/** A flow as the API lists it. */
export function summariseFlow(stored: StoredFlow, base: string) {
  return {
    id: stored.flow.id,
    name: stored.flow.name,
    active: stored.flow.active,
    version: stored.version,
    nodeCount: stored.flow.nodes.length,
    webhook: webhookUrls(stored, base),
    createdAt: stored.createdAt,
    updatedAt: stored.updatedAt,
  };
}

/** A flow as the API returns it: the document (no token inside) plus its server-side facts. */
export function presentFlow(stored: StoredFlow, base: string) {
  return {
    flow: stored.flow,
    version: stored.version,
    webhook: webhookUrls(stored, base),
    createdAt: stored.createdAt,
    updatedAt: stored.updatedAt,
  };
}
