import { z } from 'zod';
import { flowSettingsSchema, nodeSettingsSchema } from './node-settings.js';

const id = z
  .string()
  .min(1, 'An id must not be empty.')
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'Use letters, digits, "-" and "_" (starting with a letter or digit).');

/** Deeper config cannot be stored (cloning and writing it overflow the stack); real configs nest a few levels. */
const maxConfigDepth = 64;

export const flowNodeSchema = z.object({
  id,
  type: z.string().min(1).max(100),
  name: z.string().max(200).optional(),
  position: z.object({ x: z.number().finite(), y: z.number().finite() }).default({ x: 0, y: 0 }),
  config: z
    .record(z.string(), z.unknown())
    .refine((config) => !nestsDeeperThan(config, maxConfigDepth), `A node's config may nest at most ${maxConfigDepth} levels deep.`)
    .default({}),
  /** Retries, timeout and what a failure does (see node-policy.ts); absent means the defaults. */
  settings: nodeSettingsSchema.optional(),
});

export const flowEdgeSchema = z.object({
  id,
  source: id,
  target: id,
  sourceHandle: z.string().min(1).max(100).nullish(),
});

/** A flow document, version 1: what the editor saves, the API returns and `hookflow export` writes. */
export const flowSchema = z.object({
  schemaVersion: z.literal(1, { error: 'schemaVersion must be 1 (the only version this Hookflow reads).' }),
  id,
  name: z.string().min(1, 'Give the flow a name.').max(200),
  description: z.string().max(5000).optional(),
  active: z.boolean().default(true),
  nodes: z.array(flowNodeSchema).max(500, 'A flow may hold at most 500 nodes.'),
  edges: z.array(flowEdgeSchema).max(2000, 'A flow may hold at most 2000 edges.'),
  settings: flowSettingsSchema.optional(),
});

export type FlowFile = z.output<typeof flowSchema>;
export type FlowNode = FlowFile['nodes'][number];
export type FlowEdge = FlowFile['edges'][number];

/** The port an edge leaves from (`out` when the edge names none). */
export const edgePort = (edge: FlowEdge): string => edge.sourceHandle ?? 'out';

/** Whether a JSON value holds objects or arrays more than `levels` deep; stops looking at that depth. */
export function nestsDeeperThan(value: unknown, levels: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (levels === 0) return true;
  return Object.values(value).some((child) => nestsDeeperThan(child, levels - 1));
}

/** Renders a zod issue path as a JSON path: `nodes[2].config.expression`. */
export function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)),
    '',
  );
}
