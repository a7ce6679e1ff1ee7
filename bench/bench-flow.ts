import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the bench flow answers on Hookflow; the baseline serves the same path. */
export const webhookPath = '/webhook/shop/order-summary';

/** The id of the bench flow, by which the bench lists its executions. */
export const benchFlowId = 'order-summary';

/** The bench flow in `immediately` mode (the durability scenario): same work, answered 202 once recorded. */
export const acceptedFlowId = 'order-accepted';
export const acceptedWebhookPath = '/webhook/shop/order-accepted';

/** A realistic 3-item shop order, the body of every benchmark request. */
export const order = {
  id: 'ord_10482',
  createdAt: '2025-05-14T09:21:07Z',
  currency: 'EUR',
  customer: { id: 'cus_2291', email: 'lena.fischer@example.com', name: 'Lena Fischer' },
  shipping: { method: 'standard', address: { line1: 'Hauptstrasse 12', city: 'Berlin', postcode: '10115', country: 'DE' } },
  items: [
    { sku: 'MUG-CER-350', name: 'Ceramic mug, 350 ml', quantity: 2, price: 12.9 },
    { sku: 'TEA-EARL-100', name: 'Earl Grey, 100 g', quantity: 1, price: 7.5 },
    { sku: 'SPN-STEEL', name: 'Tea spoon, steel', quantity: 4, price: 2.25 },
  ],
};

/**
 * What both targets must answer to `order`. Written out by hand rather than computed with the
 * flow's own expression, so that a bench target that computes the wrong thing fails the bench.
 */
export const expectedSummary = {
  orderId: 'ord_10482',
  customer: 'lena.fischer@example.com',
  items: 3,
  quantity: 7,
  total: 42.3,
  currency: 'EUR',
};

/** The path of `flows/order-summary.flow.json`, found from this module whether it runs built or not. */
function findBenchFlowFile(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.join(dir, 'flows', 'order-summary.flow.json');
}

/** The bench flow document, as Hookflow imports it. */
export function readBenchFlow(): unknown {
  return JSON.parse(readFileSync(findBenchFlowFile(), 'utf8'));
}

/**
 * The bench flow as an `immediately` flow: the same nodes and expression under its own id and
 * path, so that the durability scenario measures what acceptance costs, not other work.
 */
export function readAcceptedFlow(): unknown {
  const flow = readBenchFlow() as { id: string; name: string; nodes: { type: string; config: Record<string, unknown> }[] };
  const nodes = flow.nodes.map((node) =>
    node.type === 'webhook' ? { ...node, config: { ...node.config, path: acceptedWebhookPath.replace('/webhook/', ''), respond: 'immediately' } } : node,
  );
  return { ...flow, id: acceptedFlowId, name: `${flow.name}, answered immediately`, nodes };
}

/**
 * The JSONata expression of the bench flow's transform node: the baseline evaluates exactly this,
 * read at start, so the two targets can never drift apart.
 */
export function readBenchExpression(): string {
  const flow = readBenchFlow() as { nodes?: { type?: string; config?: { expression?: unknown } }[] };
  const transforms = (flow.nodes ?? []).filter((node) => node.type === 'transform');
  const expression = transforms[0]?.config?.expression;
  if (transforms.length !== 1 || typeof expression !== 'string') {
    throw new Error(`${findBenchFlowFile()} must hold exactly one transform node with an expression; the baseline mirrors it.`);
  }
  return expression;
}
