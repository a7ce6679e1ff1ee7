import { z } from 'zod';
import { defineNode } from './define-node.js';

export const errorTriggerConfig = z.object({
  flows: z
    .array(z.string().min(1).max(100))
    .max(500)
    .default([])
    .meta({
      title: 'Watched flows',
      description: 'Runs when one of these flows fails or times out. None chosen: when any flow does, except other error-handler flows.',
      widget: 'flows',
    }),
});

export type ErrorTriggerConfig = z.output<typeof errorTriggerConfig>;

/**
 * The trigger of an error-handler flow: it has no URL; the server starts the flow (mode `error`)
 * when a live, API or CLI execution of a watched flow fails or times out. Its output is a request
 * whose body describes the failure (see server/runtime/error-flows.ts, `FailureReport`).
 */
export const errorTriggerNode = defineNode({
  type: 'error-trigger',
  label: 'When a flow fails',
  category: 'trigger',
  description: 'Starts the flow when another flow fails, with what failed and why.',
  outputs: ['out'],
  config: errorTriggerConfig,
});
