import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { expandRecord } from '../../server/engine/compact-record.js';
import { createMemoryStore } from '../../server/store/open-store.js';
import { capRecordText, isTruncatedValue } from '../../server/store/payload-cap.js';
import type { ExecutionRecord } from '../../server/store/types.js';
import { eventually, flowDocument, startTestApp } from '../helpers/start-app.js';
import { baseTime, buildExecution } from './store-fixtures.js';

const cap = 2048;
const big = 'x'.repeat(5000);

/** A record whose `build` node made a large output that `use` took as input and the result points at. */
function recordWithLargeOutput(): ExecutionRecord {
  return {
    ...buildExecution('large'),
    request: { method: 'POST', path: '/webhook/orders', headers: {}, query: {}, body: { note: big } },
    nodes: [
      { nodeId: 'in', type: 'webhook', status: 'succeeded', startedAt: baseTime + 0, inputRef: 'request', outputRef: 'request' },
      { nodeId: 'build', type: 'transform', status: 'succeeded', startedAt: baseTime + 1, inputRef: 'request', output: { text: big } },
      { nodeId: 'use', type: 'transform', status: 'succeeded', startedAt: baseTime + 2, inputRef: 'nodes.build.output', output: { small: 1 } },
    ],
    result: undefined,
    resultRef: 'nodes.build.output',
  };
}

const save = async (record: ExecutionRecord, maxValueBytes = cap) => {
  const store = createMemoryStore({ maxValueBytes, now: () => baseTime });
  await store.executions.save(record);
  const saved = await store.executions.get(record.id);
  await store.close();
  return saved!;
};

describe('execution record payload caps', () => {
  it('returns the very same text for a record within the cap', () => {
    const record = buildExecution('small');
    const text = JSON.stringify(record);
    expect(capRecordText(record, text, cap)).toBe(text);
  });

  it('replaces a large node output with a marker; references to it expand to the marker; the request is kept', async () => {
    const saved = await save(recordWithLargeOutput());
    const json = JSON.stringify({ text: big });
    const marker = {
      $truncated: `Value of ${json.length} bytes not recorded (HOOKFLOW_RECORD_MAX_VALUE_BYTES is ${cap})`,
      bytes: json.length,
      preview: json.slice(0, 1024),
    };
    expect(saved.nodes[1]!.output).toEqual(marker);
    expect(saved.request.body).toEqual({ note: big });
    const expanded = expandRecord(saved);
    expect(expanded.nodes.map((node) => [node.nodeId, node.input, node.output])).toEqual([
      ['in', saved.request, saved.request],
      ['build', saved.request, marker],
      ['use', marker, { small: 1 }],
    ]);
    expect(expanded.result).toEqual(marker);
    expect(isTruncatedValue(expanded.result)).toBe(true);
  });

  it('caps inputs and results stored in place, counts bytes (not characters) and keeps other fields', async () => {
    const wide = '€'.repeat(1000); // 1000 characters, 3000 bytes in UTF-8
    const record: ExecutionRecord = {
      ...buildExecution('wide', { status: 'waiting' }),
      resumeAt: '2026-03-01T13:00:00.000Z',
      nodes: [{ nodeId: 'in', type: 'webhook', status: 'succeeded', startedAt: baseTime + 0, input: wide, output: 'ok' }],
      result: [wide],
    };
    const saved = await save(Object.assign(record, { resume: { state: wide } }));
    expect(saved.nodes[0]!.input).toMatchObject({ bytes: 3002, $truncated: expect.stringMatching(/^Value of 3002 bytes not recorded/) });
    expect(saved.nodes[0]!.output).toBe('ok');
    expect(saved.result).toMatchObject({ bytes: 3004 });
    expect((saved.result as { preview: string }).preview).toBe(JSON.stringify([wide]).slice(0, 1024));
    expect(saved).toMatchObject({ status: 'waiting', resumeAt: '2026-03-01T13:00:00.000Z', resume: { state: wide } });
  });

  it('leaves a marker alone when a capped record is saved again, and keeps values just under the cap', async () => {
    const first = await save(recordWithLargeOutput(), 1024);
    const again = await save({ ...first, status: 'failed' }, 1024);
    expect(again.nodes[1]!.output).toEqual(first.nodes[1]!.output);
    const justUnder = { text: 'y'.repeat(cap - 20) };
    const record: ExecutionRecord = { ...buildExecution('under'), result: justUnder, nodes: [{ nodeId: 'in', type: 'webhook', status: 'succeeded', startedAt: baseTime + 0, output: justUnder }] };
    const saved = await save(record);
    expect(saved.result).toEqual(justUnder);
    expect(saved.nodes[0]!.output).toEqual(justUnder);
  });
});

describe('HOOKFLOW_RECORD_MAX_VALUE_BYTES', () => {
  it('defaults to 256 KiB and is at least 1 KiB', () => {
    expect(loadConfig({}).recordMaxValueBytes).toBe(262_144);
    expect(loadConfig({ HOOKFLOW_RECORD_MAX_VALUE_BYTES: '1024' }).recordMaxValueBytes).toBe(1024);
    expect(() => loadConfig({ HOOKFLOW_RECORD_MAX_VALUE_BYTES: '1000' })).toThrow(/HOOKFLOW_RECORD_MAX_VALUE_BYTES must be at least 1024 \(got "1000"\)/);
  });
});

describe('payload caps through the real server', { timeout: 60_000 }, () => {
  it('records a 2 MB transform output as a marker while the webhook still answers with all of it', async () => {
    const app = await startTestApp();
    try {
      const flow = flowDocument('big-output', { in: ['webhook', { path: 'caps/big' }], build: ['transform', { expression: '{ "text": $pad("", 2000000, "x") }' }] }, [['in', 'build']]);
      await app.createFlow(flow);
      const response = await app.post('/webhook/caps/big', { order: 7 });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { text: string }).text).toHaveLength(2_000_000);

      const id = await eventually(async () => (await app.api.get('/api/executions?flowId=big-output')).body.items[0]?.id as string | undefined);
      const { status, body: execution } = await app.api.get(`/api/executions/${id}`);
      expect(status).toBe(200);
      const marker = {
        $truncated: 'Value of 2000011 bytes not recorded (HOOKFLOW_RECORD_MAX_VALUE_BYTES is 262144)',
        bytes: 2_000_011,
        preview: `{"text":"${'x'.repeat(1024 - 9)}`,
      };
      expect(execution).toMatchObject({ status: 'succeeded', request: { body: { order: 7 } }, result: marker });
      expect(execution.nodes[1]).toMatchObject({ nodeId: 'build', status: 'succeeded', output: marker });
    } finally {
      await app.close();
    }
  });
});
