import { describe, expect, it } from 'vitest';
import { compactRecord, expandRecord } from '../../server/engine/compact-record.js';
import { recordRequest } from '../../server/engine/record-request.js';
import type { RunOutcome } from '../../server/engine/run-flow.js';
import type { ExecutionRecord } from '../../server/store/types.js';

const trigger = { method: 'POST', path: '/webhook/x', headers: { authorization: 'Bearer secret' }, query: {}, params: {}, body: { big: 'x'.repeat(200) } };
const summary = { total: 5 };
const outcome: RunOutcome = {
  status: 'succeeded',
  result: summary,
  startedAt: 1_000,
  durationMs: 2,
  nodes: [
    { nodeId: 'in', type: 'webhook', status: 'succeeded', input: trigger, output: trigger, port: 'out', startedAt: 1_000, durationMs: 0 },
    { nodeId: 'sum', type: 'transform', status: 'succeeded', input: trigger, output: summary, port: 'out', startedAt: 1_000, durationMs: 1 },
    { nodeId: 'log', type: 'transform', status: 'succeeded', input: summary, output: 'logged', port: 'out', startedAt: 1_001, durationMs: 1 },
  ],
};
const started: ExecutionRecord = { id: 'x1', flowId: 'f', flowVersion: 1, mode: 'webhook', status: 'running', startedAt: new Date(1_000).toISOString(), request: recordRequest(trigger), nodes: [] };

describe('compactRecord', () => {
  it('stores the request and every repeated output once', () => {
    const record = compactRecord(started, outcome, trigger);
    const text = JSON.stringify(record);
    expect(text.split('x'.repeat(200)).length - 1).toBe(1);
    expect(text).not.toContain('secret');
    expect(record.nodes).toEqual([
      expect.objectContaining({ nodeId: 'in', inputRef: 'request', outputRef: 'request' }),
      expect.objectContaining({ nodeId: 'sum', inputRef: 'request', output: summary }),
      expect.objectContaining({ nodeId: 'log', inputRef: 'nodes.sum.output', output: 'logged' }),
    ]);
    expect(record.resultRef).toBe('nodes.sum.output');
    expect(record).toMatchObject({ status: 'succeeded', durationMs: 2, finishedAt: new Date(1_002).toISOString() });
  });

  it('expands back to every value in full, with the request as recorded (redacted)', () => {
    const expanded = expandRecord(JSON.parse(JSON.stringify(compactRecord(started, outcome, trigger))) as ExecutionRecord);
    const request = recordRequest(trigger);
    expect(expanded.result).toEqual(summary);
    expect(expanded.nodes.map((node) => [node.nodeId, node.input, node.output])).toEqual([
      ['in', request, request],
      ['sum', request, summary],
      ['log', summary, 'logged'],
    ]);
    expect(JSON.stringify(expanded)).not.toMatch(/Ref"/);
  });
});
