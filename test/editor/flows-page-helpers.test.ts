import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '../../editor/src/api/types.js';
import { importAsCopies } from '../../editor/src/flows/import-copies.js';
import { copyOfFlow, flowIdFrom, newFlow } from '../../editor/src/flows/new-flows.js';
import { timeAgo } from '../../editor/src/flows/relative-time.js';
import { flowSchema } from '../../server/engine/flow-schema.js';

const withPath: FlowDocument = {
  schemaVersion: 1,
  id: 'orders',
  name: 'Orders',
  active: true,
  nodes: [
    { id: 'in', type: 'webhook', position: { x: 0, y: 0 }, config: { methods: ['POST'], path: 'shop/orders' } },
    { id: 'sum', type: 'transform', position: { x: 200, y: 0 }, config: { expression: '$' } },
  ],
  edges: [{ id: 'e1', source: 'in', target: 'sum' }],
};

describe('the flows page helpers', () => {
  it('derives ids from names: a lowercase slug and a random suffix, never one that is taken', () => {
    expect(flowIdFrom('Order → CRM', new Set())).toMatch(/^order-crm-[a-z0-9]{4}$/);
    expect(flowIdFrom('Café déjà vu', new Set())).toMatch(/^cafe-deja-vu-[a-z0-9]{4}$/);
    expect(flowIdFrom('→ ✓ ←', new Set())).toMatch(/^flow-[a-z0-9]{4}$/);
    expect(flowIdFrom('x'.repeat(300), new Set()).length).toBeLessThanOrEqual(45);
    const ids = new Set<string>();
    for (let index = 0; index < 200; index += 1) ids.add(flowIdFrom('Same name', ids));
    expect(ids.size).toBe(200);
  });

  it('makes a new flow that the server accepts: inactive, one webhook trigger', () => {
    const flow = newFlow('Contact form', new Set());
    expect(flowSchema.safeParse(flow).success).toBe(true);
    expect(flow).toMatchObject({ name: 'Contact form', active: false, edges: [], nodes: [{ id: 'trigger', type: 'webhook', config: {} }] });
  });

  it('copies a flow under a new id and name, inactive, without its custom webhook path, leaving the original alone', () => {
    const copy = copyOfFlow(withPath, new Set(['orders']));
    expect(copy).toMatchObject({ name: 'Orders (copy)', active: false, edges: withPath.edges });
    expect(copy.id).toMatch(/^orders-copy-[a-z0-9]{4}$/);
    expect(copy.nodes[0]!.config).toEqual({ methods: ['POST'] });
    expect(copy.nodes[1]).toEqual(withPath.nodes[1]);
    expect(withPath.nodes[0]!.config.path).toBe('shop/orders');
    expect(copyOfFlow({ ...withPath, name: 'n'.repeat(200) }, new Set()).name).toHaveLength(200);
  });

  it('imports as copies only the flows whose id is taken, in a flow file and in a bundle', () => {
    const other = { ...withPath, id: 'other', name: 'Other', nodes: [{ id: 'in', type: 'webhook' }] };
    const single = importAsCopies(withPath, new Set(['orders'])) as FlowDocument;
    expect(single.id).toMatch(/^orders-copy-/);
    const bundle = importAsCopies({ schemaVersion: 1, kind: 'hookflow-bundle', flows: [withPath, other] }, new Set(['orders'])) as { kind: string; flows: FlowDocument[] };
    expect(bundle.kind).toBe('hookflow-bundle');
    expect(bundle.flows[0]!.id).toMatch(/^orders-copy-/);
    expect(bundle.flows[1]).toBe(other);
    const bare = importAsCopies({ ...other, id: 'orders' }, new Set(['orders'])) as FlowDocument;
    expect(bare.nodes[0]!.config).toEqual({});
  });

  it('says how long ago something happened', () => {
    const now = new Date('2026-11-28T12:00:00Z');
    const ago = (ms: number) => timeAgo(new Date(now.getTime() - ms), now);
    expect(ago(5_000)).toBe('just now');
    expect(ago(3 * 60_000)).toBe('3 min ago');
    expect(ago(2 * 3_600_000 + 59 * 60_000)).toBe('2 h ago');
    expect(ago(26 * 3_600_000)).toBe('yesterday');
    expect(ago(5 * 86_400_000)).toBe('5 days ago');
    expect(ago(90 * 86_400_000)).toBe(new Date(now.getTime() - 90 * 86_400_000).toLocaleDateString());
  });
});
