import { z } from 'zod';
import { defineNode } from './define-node.js';

const counterConfig = z.object({
  name: z
    .string()
    .min(1, 'Name the counter.')
    .max(100)
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lowercase letters and digits, joined by single hyphens, e.g. "service-cases".')
    .meta({ title: 'Counter name', description: 'Nodes that use the same name share one sequence, across flows.' }),
  start: z.int().min(0).default(1).meta({ title: 'First value' }),
  step: z.int().min(1).max(1_000_000).default(1).meta({ title: 'Step' }),
  prefix: z.string().max(50).default('').meta({ title: 'Prefix', description: 'Put before the number in `text`, e.g. "CASE-".' }),
  padding: z.int().min(0).max(20).default(0).meta({ title: 'Digits', description: 'Pads the number with leading zeros to this many digits (0: no padding).' }),
});

/**
 * Draws the next number of a persistent named sequence, for reference numbers such as
 * `CASE-000181` that must never repeat, even across restarts.
 */
export const counterNode = defineNode({
  type: 'counter',
  label: 'Counter',
  category: 'action',
  description: 'Outputs the next number of a named sequence, e.g. { value: 181, text: "CASE-000181" }.',
  outputs: ['out'],
  config: counterConfig,
  create(config) {
    return async ({ services }) => {
      const value = await services.nextCounterValue(config.name, config.start, config.step);
      return { output: { value, text: config.prefix + String(value).padStart(config.padding, '0') } };
    };
  },
});
