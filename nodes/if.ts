import { z } from 'zod';
import { defineNode } from './define-node.js';
import { expressionField } from './expression.js';

/** Routes its input to `true` or `false` by a JSONata condition; the item passes through unchanged. */
export const ifNode = defineNode({
  type: 'if',
  label: 'If',
  category: 'logic',
  description: 'Sends the item to "true" or "false" depending on a condition.',
  outputs: ['true', 'false'],
  config: z.object({
    condition: expressionField('Condition', 'JSONata; a truthy result takes the "true" port.'),
  }),
  create(config, compiler) {
    const condition = compiler.expression(config.condition, 'condition');
    return async ({ input, scope }) => ({
      output: input,
      port: isTruthy(await condition.evaluate(input, scope)) ? 'true' : 'false',
    });
  },
});

/** JSONata's own truthiness ($boolean): empty strings, arrays and objects are false. */
export function isTruthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(isTruthy);
  if (value !== null && typeof value === 'object') return Object.keys(value).length > 0;
  return Boolean(value);
}
