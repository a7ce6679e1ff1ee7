import { z } from 'zod';
import { defineNode } from './define-node.js';

type Combine = (entries: [string, unknown][]) => unknown;

const combiners: Record<'object' | 'array' | 'mergeObjects', Combine> = {
  object: (entries) => Object.fromEntries(entries),
  array: (entries) => entries.map(([, item]) => item),
  mergeObjects: (entries) => Object.fromEntries(entries.flatMap(([source, item]) => Object.entries(requireObject(source, item)))),
};

/** Joins parallel branches: runs once every branch leading to it has finished, and combines their items. */
export const mergeNode = defineNode({
  type: 'merge',
  label: 'Merge',
  category: 'logic',
  description: 'Waits for the parallel branches that lead to it and combines their items into one.',
  outputs: ['out'],
  join: true,
  config: z.object({
    mode: z
      .enum(['object', 'array', 'mergeObjects'])
      .default('object')
      .meta({
        title: 'Combine as',
        description:
          'object: { <node id>: item }; array: the items ordered by node id; mergeObjects: the object items merged into one (later node ids win).',
      }),
  }),
  create(config) {
    const combine = combiners[config.mode];
    // Sorted by source id so that the result does not depend on which branch finished first.
    return ({ inputs }) => ({ output: combine(Object.entries(inputs).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) });
  },
});

function requireObject(source: string, item: unknown): object {
  if (item !== null && typeof item === 'object' && !Array.isArray(item)) return item;
  const kind = item === null ? 'null' : Array.isArray(item) ? 'an array' : typeof item;
  throw new Error(`mergeObjects needs an object from every branch, but node "${source}" sent ${kind}. Use mode "object" or "array", or make that branch output an object.`);
}
