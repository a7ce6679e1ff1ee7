import { describe, expect, it } from 'vitest';
import { runTestFlow } from '../helpers/run-test-flow.js';
import { createTestServices } from '../helpers/services.js';

const respondFlow = (config: Record<string, unknown>) => ({
  nodes: {
    in: 'webhook',
    answer: { type: 'respond', config },
    after: { type: 'transform', config: { expression: '{ "went on with": body.id }' } },
  },
  edges: ['in -> answer', 'answer -> after'],
});

describe('respond', () => {
  it('sends status, rendered headers and the body expression, and lets the flow go on', async () => {
    const test = createTestServices();
    const flow = respondFlow({
      status: 201,
      headers: [{ name: 'Location', value: '/cases/{{ body.id }}' }, { name: 'Set-Cookie', value: 'seen=1' }],
      body: '{ "id": body.id }',
    });
    const { output } = await runTestFlow(flow, { services: test.services, body: { id: 42 } });
    expect(test.responses).toEqual([{ status: 201, headers: { Location: '/cases/42', 'Set-Cookie': 'seen=1' }, body: { id: 42 } }]);
    expect(output).toEqual({ 'went on with': 42 });
  });

  it('answers with the input item by default', async () => {
    const test = createTestServices();
    await runTestFlow(respondFlow({}), { services: test.services, body: { id: 1 } });
    expect(test.responses).toEqual([{ status: 200, headers: {}, body: expect.objectContaining({ body: { id: 1 } }) }]);
  });

  it('logs when the response had already been sent', async () => {
    const test = createTestServices();
    const flow = {
      nodes: { in: 'webhook', first: { type: 'respond', config: { status: 202 } }, second: { type: 'respond', config: { status: 500 } } },
      edges: ['in -> first', 'first -> second'],
    };
    const { outcome } = await runTestFlow(flow, { services: test.services });
    expect(outcome.status).toBe('succeeded');
    expect(test.responses.map((response) => response.status)).toEqual([202, 500]);
    expect(test.logs).toEqual([{ message: expect.stringContaining('already sent'), details: { status: 500 } }]);
  });

  it('refuses headers only the server may set, and header values with line breaks', async () => {
    await expect(runTestFlow(respondFlow({ headers: [{ name: 'Content-Length', value: '1' }] }))).rejects.toThrow(
      'The server sets the "Content-Length" header itself',
    );
    await expect(runTestFlow(respondFlow({ headers: [{ name: 'X-Bad Name', value: '1' }] }))).rejects.toThrow('A header name uses');
    await expect(runTestFlow(respondFlow({ status: 99 }))).rejects.toThrow('nodes[1].config.status');
    const test = createTestServices();
    const injected = respondFlow({ headers: [{ name: 'X-Note', value: '{{ body.note }}' }] });
    const { error } = await runTestFlow(injected, { services: test.services, body: { note: 'a\r\nSet-Cookie: evil=1' } });
    expect(error).toContain('The value of header "X-Note" contains a line break');
    expect(test.responses).toEqual([]);
  });
});
