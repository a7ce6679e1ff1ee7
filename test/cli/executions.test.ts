import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireServerLock } from '../../server/runtime/server-lock.js';
import { openStore } from '../../server/store/open-store.js';
import type { ExecutionRecord } from '../../server/store/types.js';
import { runCli } from '../helpers/run-cli.js';
import { eventually, flowDocument, startTestApp, type TestApp } from '../helpers/start-app.js';

const day = 86_400_000;
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

/** Records of a flow "orders": one that failed in node "check", one waiting for a delay and resumed once, one that succeeded. */
function historyRecords(): ExecutionRecord[] {
  const base = { flowId: 'orders', flowVersion: 2, mode: 'webhook' as const, request: { method: 'POST', path: '/webhook/orders', headers: {}, query: {}, body: { order: 1 } } };
  return [
    {
      ...base,
      id: 'exec-failed',
      status: 'failed',
      startedAt: minutesAgo(30),
      durationMs: 4.5,
      nodes: [
        { nodeId: 'in', type: 'webhook', status: 'succeeded', startedAt: Date.now() - 30 * 60_000, durationMs: 0.2, inputRef: 'request', outputRef: 'request' },
        { nodeId: 'check', type: 'transform', status: 'failed', startedAt: Date.now() - 30 * 60_000, durationMs: 3.1, inputRef: 'request', error: 'Out of stock' },
      ],
      error: { nodeId: 'check', code: 'NODE_FAILED', message: 'Out of stock' },
    },
    {
      ...base,
      id: 'exec-waiting',
      status: 'waiting',
      startedAt: minutesAgo(20),
      resumeAt: '2099-01-01T00:00:00.000Z',
      resumed: [{ at: '2026-11-28T10:00:00.000Z', reason: 'restart', from: 'snapshot' }],
      nodes: [{ nodeId: 'pause', type: 'delay', status: 'waiting', startedAt: Date.now() - 20 * 60_000, inputRef: 'request' }],
    },
    { ...base, id: 'exec-ok', flowId: 'invoices', status: 'succeeded', startedAt: minutesAgo(10), durationMs: 1, nodes: [], result: { ok: true } },
  ];
}

describe('hookflow executions on a data directory no server holds', { timeout: 300_000 }, () => {
  let dataDir: string;
  const hookflow = (...args: string[]) => runCli(['executions', ...args], { dataDir, env: { HOOKFLOW_RETENTION_DAYS: '1' }, timeoutMs: 60_000 });

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'hookflow-cli-executions-'));
    const store = await openStore({ dataDir, retention: { maxAgeDays: 1, maxCount: 100 } });
    for (const record of historyRecords()) await store.executions.save(record);
    await store.executions.save({ ...historyRecords()[2]!, id: 'exec-old', startedAt: new Date(Date.now() - 2 * day).toISOString() });
    await store.close();
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('lists executions newest first, filtered by flow and status, as a table or JSON', async () => {
    const all = await hookflow('list');
    expect({ code: all.code, stderr: all.stderr }).toEqual({ code: 0, stderr: '' });
    const lines = all.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+FLOW\s+VERSION\s+MODE\s+STATUS\s+STARTED\s+DURATION$/);
    expect(lines.slice(1).map((line) => line.split(/\s+/).slice(0, 5))).toEqual([
      ['exec-ok', 'invoices', 'v2', 'webhook', 'succeeded'],
      ['exec-waiting', 'orders', 'v2', 'webhook', 'waiting'],
      ['exec-failed', 'orders', 'v2', 'webhook', 'failed'],
    ]);
    expect(lines[2]).toContain('waiting until 2099-01-01T00:00:00.000Z');

    const failed = await hookflow('list', '--flow', 'orders', '--status', 'failed', '--json');
    expect(failed.code).toBe(0);
    expect(JSON.parse(failed.stdout)).toMatchObject({ total: 1, items: [{ id: 'exec-failed', status: 'failed', error: { nodeId: 'check', message: 'Out of stock' } }] });

    const one = await hookflow('list', '--limit', '1');
    expect(one.stdout).toMatch(/^exec-ok\s/m);
    expect(one.stdout).toContain('(1 of 3; use --limit to see more)');
    expect((await hookflow('list', '--flow', 'nothing')).stdout).toBe('No executions.\n');
  });

  it('shows an execution with its error and per-node table, and a waiting one with when it resumes and how it was resumed', async () => {
    const failed = await hookflow('show', 'exec-failed');
    expect(failed.code).toBe(0);
    expect(failed.stdout).toContain('Execution exec-failed of flow "orders" (v2), mode webhook\nStatus:   failed\n');
    expect(failed.stdout).toContain('Error:    node "check": Out of stock (NODE_FAILED)');
    expect(failed.stdout).toMatch(/^ {3}NODE\s+TYPE\s+STATUS\s+DURATION\s+DETAIL$/m);
    expect(failed.stdout).toMatch(/^✓\s+in\s+webhook\s+succeeded\s+0\.2 ms$/m);
    expect(failed.stdout).toMatch(/^✗\s+check\s+transform\s+failed\s+3\.1 ms\s+Out of stock$/m);

    const waiting = await hookflow('show', 'exec-waiting');
    expect(waiting.stdout).toContain('Status:   waiting\n');
    expect(waiting.stdout).toContain('Resumes:  2099-01-01T00:00:00.000Z\n');
    expect(waiting.stdout).toContain('Resumed:  2026-11-28T10:00:00.000Z  resumed after a restart from the saved state\n');

    const json = await hookflow('show', 'exec-failed', '--json');
    expect(JSON.parse(json.stdout).nodes[1]).toMatchObject({ nodeId: 'check', input: { body: { order: 1 } } });
  });

  it('leaves out executions past retention, and says so for an unknown id with exit code 2', async () => {
    const old = await hookflow('show', 'exec-old');
    expect(old.code).toBe(2);
    expect(old.stderr).toBe('No execution with id "exec-old" exists (it may have been pruned by the retention setting).\n');
    expect(old.stdout).toBe('');
  });

  it('refuses a re-run without a server, saying to start one; refuses bad flags with exit code 2', async () => {
    // One after the other: each starts a Node process, and the test machine is small.
    const rerun = await hookflow('rerun', 'exec-failed');
    const unknown = await hookflow('rerun', 'nope');
    const badStatus = await hookflow('list', '--status', 'done');
    const badLimit = await hookflow('list', '--limit', '0');
    const noId = await hookflow('show');
    expect(rerun.code).toBe(2);
    expect(rerun.stderr).toMatch(/^Re-running an execution needs the Hookflow server, .* Start it \(`hookflow start`\) and run this command again/);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/No execution with id "nope"/);
    expect(badStatus.code).toBe(2);
    expect(badStatus.stderr).toMatch(/option '--status <status>' argument 'done' is invalid\. must be one of queued, running, waiting, succeeded, failed, timeout/);
    expect(badLimit.code).toBe(2);
    expect(badLimit.stderr).toMatch(/must be a whole number from 1 to 500/);
    expect(noId.code).toBe(2);
    expect(noId.stderr).toMatch(/missing required argument 'id'/);
  });
});

describe('hookflow executions through a running server', { timeout: 300_000 }, () => {
  let app: TestApp;
  let release: () => Promise<void>;
  let failedId: string;
  const hookflow = (token: string, ...args: string[]) => runCli(['executions', ...args], { dataDir: app.dataDir, env: { HOOKFLOW_TOKEN: token }, timeoutMs: 60_000 });

  beforeAll(async () => {
    app = await startTestApp();
    ({ release } = await acquireServerLock(app.dataDir, app.url));
    await app.createFlow(flowDocument('stock', { in: ['webhook', { path: 'cli/stock' }], check: ['transform', { expression: 'body.count > 0 ? { "ok": true } : $error("Out of stock")' }] }, [['in', 'check']]));
    const response = await app.post('/webhook/cli/stock', { count: 0 });
    expect(response.status).toBe(502);
    failedId = ((await response.json()) as { error: { executionId: string } }).error.executionId;
    await eventually(async () => ((await app.store.executions.get(failedId))?.status === 'failed' ? true : undefined));
  });
  afterAll(async () => {
    await release();
    await app.close();
  });

  it('lists and shows through the API', async () => {
    const listed = await hookflow(app.token, 'list', '--flow', 'stock', '--json');
    expect({ code: listed.code, stderr: listed.stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(listed.stdout)).toMatchObject({ total: 1, items: [{ id: failedId, status: 'failed', error: { nodeId: 'check' } }] });
    const shown = await hookflow(app.token, 'show', failedId);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/^Error: {4}node "check": .*Out of stock/m);
    const unknown = await hookflow(app.token, 'show', 'no-such-execution');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/No execution with id "no-such-execution" exists/);
  });

  it('re-runs a failed execution from the start: a new execution of the same request, exit code 1 as it fails again', async () => {
    const rerun = await hookflow(app.token, 'rerun', failedId);
    expect(rerun.stderr).toBe('');
    const [, newId] = /^Re-ran execution \S+ from the start: new execution (\S+), failed\.\n$/.exec(rerun.stdout) ?? [];
    expect(newId).toBeDefined();
    expect(rerun.code).toBe(1);
    const record = await app.store.executions.get(newId!);
    expect(record).toMatchObject({ flowId: 'stock', mode: 'api', status: 'failed', request: { body: { count: 0 } } });
  });

  it('asks the API to re-run from the failed node', async () => {
    const rerun = await hookflow(app.token, 'rerun', failedId, '--from-failed-node');
    // Until the server knows the option, it may refuse the re-run with its reason.
    if (rerun.code === 2) expect(rerun.stderr).toMatch(/\S/);
    else {
      expect(rerun.code).toBe(1);
      expect(rerun.stdout).toMatch(/^Re-ran execution \S+ from its failed node: new execution \S+, failed\.\n$/);
    }
  });

  it('refuses a wrong token and a viewer\'s re-run with the server\'s reason and exit code 2', async () => {
    const wrong = await hookflow('hf_not-a-real-token', 'list');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/refused the API token/);
    const viewer = await app.login('viewer');
    expect((await hookflow(viewer.token, 'list', '--flow', 'stock')).code).toBe(0);
    const forbidden = await hookflow(viewer.token, 'rerun', failedId);
    expect(forbidden.code).toBe(2);
    expect(forbidden.stderr).toMatch(/POST \/api\/executions\/.*\/rerun needs the editor role/);
  });
});
