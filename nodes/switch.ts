import { z } from 'zod';
import { defineNode } from './define-node.js';
import { expressionField } from './expression.js';
import { isTruthy } from './if.js';
import { uniqueNames } from './template.js';

const fallback = 'fallback';

const rule = z.object({
  name: z
    .string()
    .min(1, 'Name the rule; the name becomes its output port.')
    .max(50)
    .regex(/^[A-Za-z0-9_-]+$/, 'Use letters, digits, "-" and "_" (the name becomes the port id).')
    .refine((name) => name.toLowerCase() !== fallback, 'The "fallback" port is taken by items no rule matches; name the rule differently.')
    .meta({ title: 'Port name' }),
  condition: expressionField('Condition', 'JSONata; a truthy result sends the item to this port.'),
});

/** Routes its input to the port of the first rule whose condition holds, else to `fallback`. */
export const switchNode = defineNode({
  type: 'switch',
  label: 'Switch',
  category: 'logic',
  description: 'Sends the item to the first rule whose condition is true, or to "fallback".',
  outputs: [fallback],
  config: z.object({
    rules: z
      .array(rule)
      .min(1, 'Add at least one rule.')
      .max(50, 'A switch may hold at most 50 rules.')
      .superRefine(uniqueNames('rule'))
      .meta({ title: 'Rules', description: 'Checked in order; the first one whose condition is true takes the item.' }),
  }),
  ports: (config) => [...config.rules.map((rule) => rule.name), fallback],
  create(config, compiler) {
    const rules = config.rules.map((rule, index) => ({
      port: rule.name,
      condition: compiler.expression(rule.condition, `rules[${index}].condition`),
    }));
    return async ({ input, scope }) => {
      for (const { port, condition } of rules) {
        if (isTruthy(await condition.evaluate(input, scope))) return { output: input, port };
      }
      return { output: input, port: fallback };
    };
  },
});
