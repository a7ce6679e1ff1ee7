import { z } from 'zod';
import { defineNode } from './define-node.js';
import { expressionField } from './expression.js';

/** Maps its input to a new item with a JSONata expression. */
export const transformNode = defineNode({
  type: 'transform',
  label: 'Transform',
  category: 'transform',
  description: 'Builds a new item from the input with a JSONata expression.',
  outputs: ['out'],
  config: z.object({
    expression: expressionField('Expression', 'JSONata: $ is the input, $trigger the request, $nodes.<id> earlier outputs.'),
  }),
  create(config, compiler) {
    const expression = compiler.expression(config.expression, 'expression');
    return async ({ input, scope }) => ({ output: await expression.evaluate(input, scope) });
  },
});
