import { z } from 'zod';
import { defineNode } from './define-node.js';
import { expressionField } from './expression.js';
import { compilePairs, headersField, renderHeaders } from './template.js';

/** Headers that describe the connection or the framing, which only the server may set. */
const serverHeaders = ['connection', 'content-length', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade'];

/** Answers the webhook's caller now, mid-flow; the item passes on so the flow can keep working. */
export const respondNode = defineNode({
  type: 'respond',
  label: 'Respond to webhook',
  category: 'action',
  description: 'Sends the webhook response (status, headers, body) now; the flow goes on.',
  outputs: ['out'],
  config: z.object({
    status: z.int().min(200).max(599).default(200).meta({ title: 'Status code', description: '200–599.' }),
    headers: headersField('Headers', 'Response headers; values are templates.', serverHeaders),
    body: expressionField('Body', 'JSONata; the default $ answers with the input item.').default('$'),
  }),
  create(config, compiler) {
    const headers = compilePairs(config.headers, compiler, 'headers');
    const body = compiler.expression(config.body, 'body');
    return async ({ input, scope, services }) => {
      const response = {
        status: config.status,
        headers: Object.fromEntries(await renderHeaders(headers, input, scope)),
        body: await body.evaluate(input, scope),
      };
      if (!services.respond(response)) {
        services.log('The webhook response was already sent; this respond node changed nothing.', { status: config.status });
      }
      return { output: input };
    };
  },
});
