import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ExecutionRecord } from '../../server/store/types.js';
import { endBrowserTest, failedRequestErrors, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { amountCheckFlow, signIn, startEditorApp } from '../helpers/editor-page.js';
import { eventually, type TestApp } from '../helpers/start-app.js';

/** The flow page's "Executions" tab: waiting and resumed executions, left-out payloads, and the re-run actions. */
describe('the executions tab: statuses, notes and re-runs', { timeout: 90_000 }, () => {
  let app: TestApp;
  let chrome: TestBrowser;
  let page: Page | undefined;
  let flowId: string;
  let testUrl: string;
  let flowCount = 0;

  beforeAll(async () => {
    chrome = await launchBrowser();
    app = await startEditorApp(chrome);
  });
  beforeEach(async () => {
    flowId = `executions-actions-${++flowCount}`;
    // Over 10 the `big` node runs, and fails.
    testUrl = (await app.createFlow(amountCheckFlow(flowId, '$error("Out of stock")'))).webhook.testUrl;
    page = await chrome.newPage();
  });
  afterEach(async (context) => {
    // A refused re-run answers 409, which Chromium logs as a console error.
    expect(await endBrowserTest(chrome, page, `executions actions ${context.task.name}`, context.task.result?.state === 'fail', failedRequestErrors(409))).toEqual([]);
  });
  afterAll(async () => {
    await chrome?.close();
    await app?.close();
  });

  const openTab = async (p: Page) => {
    await p.goto(`${app.url}/#/flows/${flowId}`);
    await p.locator('.react-flow__node[data-id="check"]').waitFor();
    await p.getByRole('tab', { name: 'Executions' }).click();
    return p.getByRole('tabpanel');
  };
  /** Stores a record of this flow as the executor would, `minutes` minutes ago. */
  const storeRecord = (id: string, minutes: number, fields: Partial<ExecutionRecord>) =>
    app.store.executions.save({
      id,
      flowId,
      flowVersion: 1,
      mode: 'webhook',
      status: 'succeeded',
      startedAt: new Date(Date.now() - minutes * 60_000).toISOString(),
      request: { method: 'POST', path: `/webhook/${flowId}`, headers: {}, query: {}, body: { amount: 50 } },
      nodes: [],
      ...fields,
    });
  /** Calls the test URL so that `big` fails, and answers the failed execution's id. */
  const failOnce = async () => {
    const response = await fetch(testUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ amount: 50 }) });
    const { error } = (await response.json()) as { error: { executionId: string } };
    return eventually(async () => ((await app.store.executions.get(error.executionId))?.status === 'failed' ? error.executionId : undefined));
  };

  it('shows a waiting execution with when it resumes and how it was resumed, a queued one, and an error handler’s run', async () => {
    const resumeAt = '2099-01-01T12:00:00.000Z';
    await storeRecord('exec-error-run', 3, { mode: 'error', status: 'succeeded', durationMs: 5 });
    await storeRecord('exec-queued', 2, { status: 'queued' });
    await storeRecord('exec-waiting', 1, {
      status: 'waiting',
      resumeAt,
      resumed: [
        { at: new Date().toISOString(), reason: 'restart', from: 'snapshot' },
        { at: new Date().toISOString(), reason: 'restart', from: 'node', nodeId: 'check' },
      ],
      nodes: [{ nodeId: 'hook', type: 'webhook', status: 'succeeded', startedAt: Date.now() - 60_000, inputRef: 'request', outputRef: 'request' }],
    });
    const p = page!;
    const panel = await openTab(p);
    const items = panel.locator('.execution-item');
    await expect.poll(() => items.count()).toBe(3);
    // Not today: the editor writes the date and the time in the browser's locale.
    const resumesAt = `resumes at ${await p.evaluate(`new Date('${resumeAt}').toLocaleString()`)}`;
    await expect(items.nth(0).textContent()).resolves.toMatch(new RegExp(`^⏸ Waiting.*Webhook${resumesAt}$`));
    await expect(items.nth(1).textContent()).resolves.toMatch(/^○ Queued/);
    await expect(items.nth(2).textContent()).resolves.toMatch(/^✓ Succeeded.*Error handler$/);

    await items.nth(0).click();
    const details = panel.getByRole('region', { name: 'Execution exec-waiting' });
    await expect.poll(() => details.locator('dl').first().textContent()).toContain(`Status⏸ Waiting ${resumesAt}`);
    await expect(details.locator('dl').first().textContent()).resolves.toContain('Started byWebhook');
    await expect(details.getByRole('list', { name: 'Resumed' }).getByRole('listitem').allTextContents()).resolves.toEqual([
      expect.stringMatching(/^Resumed after a restart from the saved state \(/),
      expect.stringMatching(/^Resumed after a restart from node check \(/),
    ]);
    // Nothing to run again from a node of an execution that did not fail.
    await expect(panel.getByRole('button', { name: 'Run again from failed node' }).count()).resolves.toBe(0);
  });

  it('shows a value the server left out of the record for its size as such', async () => {
    const marker = { $truncated: 'Value of 2000011 bytes not recorded (HOOKFLOW_RECORD_MAX_VALUE_BYTES is 262144)', bytes: 2_000_011, preview: '{"text":"xxxxxxxx' };
    await storeRecord('exec-large', 1, {
      nodes: [
        { nodeId: 'hook', type: 'webhook', status: 'succeeded', startedAt: Date.now() - 60_000, inputRef: 'request', outputRef: 'request' },
        { nodeId: 'big', type: 'transform', status: 'succeeded', startedAt: Date.now() - 59_000, inputRef: 'request', output: marker },
      ],
      result: marker,
    });
    const p = page!;
    const panel = await openTab(p);
    await panel.locator('.execution-item').first().click();
    await panel.getByRole('list', { name: 'Steps in the order they ran' }).getByRole('button', { name: /big/ }).click();
    const output = panel.getByRole('group', { name: 'Output of big' });
    const note = output.getByRole('note');
    await expect(note.textContent()).resolves.toMatch(/^Not recorded \(too large\): Value of 2000011 bytes not recorded \(HOOKFLOW_RECORD_MAX_VALUE_BYTES is 262144\)Start of the value/);
    await note.getByText('Start of the value').click();
    await expect(note.locator('pre').textContent()).resolves.toBe('{"text":"xxxxxxxx…');
  });

  it('runs a failed execution again from its failed node and from the start, with the body the API expects', async () => {
    const failedId = await failOnce();
    const p = page!;
    const reruns: string[] = [];
    p.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === `/api/executions/${failedId}/rerun`) reruns.push(request.postData() ?? '');
    });
    const panel = await openTab(p);
    const items = panel.locator('.execution-item');
    await items.first().click();
    await panel.getByRole('region', { name: `Execution ${failedId}` }).waitFor();

    const [fromNode] = await Promise.all([
      p.waitForResponse((response) => new URL(response.url()).pathname === `/api/executions/${failedId}/rerun`),
      panel.getByRole('button', { name: 'Run again from failed node', exact: true }).click(),
    ]);
    expect(reruns).toEqual(['{"from":"failed-node"}']);
    if (fromNode.status() === 409) {
      // The server's reason is shown as it worded it.
      const { error } = (await fromNode.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe('EXECUTION_NOT_RERUNNABLE');
      await expect.poll(() => panel.locator('.panel-error').textContent()).toBe(`The execution could not be run again: ${error.message}`);
    } else {
      expect(fromNode.status()).toBe(201);
      await expect.poll(() => items.count(), { timeout: 5000 }).toBe(2);
      await items.nth(1).click();
      await panel.getByRole('region', { name: `Execution ${failedId}` }).waitFor();
    }

    const before = await items.count();
    await panel.getByRole('button', { name: 'Run again', exact: true }).click();
    await expect.poll(() => reruns.at(-1)).toBe('{"from":"start"}');
    await expect.poll(() => items.count(), { timeout: 5000 }).toBe(before + 1);
    await expect.poll(() => panel.locator('.execution-item[aria-current="true"]').textContent()).toMatch(/^✕ Failed.*API.*big: /);
    const list = await app.api.get(`/api/executions?flowId=${flowId}`);
    expect(list.body.items[0]).toMatchObject({ mode: 'api', status: 'failed', error: { nodeId: 'big' } });
  });

  it('offers a viewer no re-run', async () => {
    await failOnce();
    const viewer = await app.login('viewer');
    await signIn(chrome, app, { username: viewer.user.username, password: viewer.password });
    try {
      const p = page!;
      const panel = await openTab(p);
      await panel.locator('.execution-item').first().click();
      await panel.getByRole('button', { name: 'Close' }).waitFor();
      await expect(panel.getByRole('button', { name: /Run again/ }).count()).resolves.toBe(0);
    } finally {
      await signIn(chrome, app);
    }
  });
});
