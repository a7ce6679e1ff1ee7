import { ResumeLinks } from '../../server/runtime/resume-links.js';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineNode, type NodeDefinition, type TriggerRequest } from '../../nodes/define-node.js';
import { builtInNodes, createRegistry } from '../../nodes/registry.js';
import type { CredentialSource } from '../../server/credentials/types.js';
import { compileFlow } from '../../server/engine/compile-flow.js';
import { Executor } from '../../server/runtime/executor.js';
import { createSharedServices } from '../../server/runtime/node-services.js';
import { createMemoryStore } from '../../server/store/open-store.js';
import type { StoredFlow } from '../../server/store/types.js';
import { flowDocument } from '../helpers/flow-document.js';

const token = 'tok_9a8b7c6d5e4f3a2b1c0d';
const credentials: CredentialSource = { resolve: (name, type) => (name === 'crm' && type === 'bearer' ? ({ token } as never) : undefined) };

/** A node that leaks its credential every way it can: in its output, its log and its error. */
const leakyNode = defineNode({
  type: 'leaky',
  label: 'Leaky',
  category: 'action',
  description: 'Test node.',
  outputs: ['out'],
  config: z.object({ fail: z.boolean().default(false) }),
  create: (config) => ({ services }) => {
    const { token: value } = services.credential('crm', 'bearer');
    services.log(`calling with ${value}`, { header: `Bearer ${value}`, [value]: 'as a key' });
    if (config.fail) throw new Error(`the server refused ${value}`);
    return { output: { sent: `Bearer ${value}`, list: [value, 'other'], untouched: { a: 1 } } };
  },
});

const registry = createRegistry([...builtInNodes, leakyNode as unknown as NodeDefinition]);
const store = createMemoryStore();
const lines: string[] = [];
const logger = pino({ level: 'info' }, new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(chunk.toString()), done()) }));
const executor = new Executor(store.executions, createSharedServices(store.flows, { fetch, sendMail: async () => ({ messageId: '', accepted: [], rejected: [] }) } as never, credentials), logger, 10_000, new ResumeLinks(Buffer.alloc(32)));
const trigger: TriggerRequest = { method: 'POST', path: '/webhook/x', headers: {}, query: {}, params: {}, body: { order: 1 } };

afterEach(() => {
  lines.length = 0;
});

async function run(config: Record<string, unknown>) {
  const flow = flowDocument('leak', { in: ['webhook'], leak: ['leaky', config] }, [['in', 'leak']]);
  const compiled = compileFlow(flow, registry);
  const stored = { flow: compiled.flow, version: 1, token: 'x'.repeat(64), createdAt: '', updatedAt: '' } satisfies StoredFlow;
  const execution = executor.execute(stored, compiled, trigger, { mode: 'webhook' });
  const outcome = await execution.outcome;
  const record = await (async () => {
    for (;;) {
      const saved = await store.executions.get(execution.id);
      if (saved) return saved;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  return { outcome, record };
}

describe('an execution that resolves a credential', () => {
  it('records its output with every occurrence of the value redacted, and leaves the live output alone', async () => {
    const { outcome, record } = await run({});
    const node = record.nodes.find((entry) => entry.nodeId === 'leak')!;
    expect(node.output).toEqual({ sent: 'Bearer [redacted]', list: ['[redacted]', 'other'], untouched: { a: 1 } });
    expect(JSON.stringify(record)).not.toContain(token);
    expect(JSON.stringify(outcome.result)).toContain(token);
  });

  it('redacts the value from the node error and the execution error, also in the outcome the webhook caller is answered from', async () => {
    const { record, outcome } = await run({ fail: true });
    expect(outcome.error?.message).toBe('Node "leak" failed: the server refused [redacted]');
    expect(record.status).toBe('failed');
    expect(record.nodes.find((entry) => entry.nodeId === 'leak')!.error).toBe('the server refused [redacted]');
    expect(record.error?.message).toContain('[redacted]');
    expect(JSON.stringify(record)).not.toContain(token);
  });

  it('never hands the value to the logger: message, details and keys are redacted', async () => {
    await run({});
    const log = lines.find((line) => line.includes('calling with'))!;
    expect(JSON.parse(log)).toMatchObject({ msg: 'calling with [redacted]', header: 'Bearer [redacted]', '[redacted]': 'as a key' });
    expect(lines.join('\n')).not.toContain(token);
  });

  it('fails the node with CREDENTIAL_MISSING naming the credential when it does not resolve', async () => {
    const missing = defineNode({ ...leakyNode, type: 'missing', create: () => ({ services }) => ({ output: services.credential('other', 'bearer') }) });
    const compiled = compileFlow(flowDocument('m', { in: ['webhook'], m: ['missing'] }, [['in', 'm']]), createRegistry([...builtInNodes, missing as unknown as NodeDefinition]));
    const execution = executor.execute({ flow: compiled.flow, version: 1, token: 'y'.repeat(64), createdAt: '', updatedAt: '' }, compiled, trigger, { mode: 'webhook' });
    const outcome = await execution.outcome;
    expect(outcome.nodes.find((entry) => entry.nodeId === 'm')!.error).toMatch(/There is no bearer credential named "other"/);
  });
});
