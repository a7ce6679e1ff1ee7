import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotOnFailure, type TestBrowser } from '../helpers/browser.js';
import { amountCheckFlow, startEditorApp } from '../helpers/editor-page.js';
import type { TestApp } from '../helpers/start-app.js';

/** The "Sample & preview" and "Executions" tabs of the real flow page. */
describe('the flow page run panels', { timeout: 60_000 }, () => {
  let app: TestApp;
  let chrome: TestBrowser;
  let page: Page | undefined;
  let flowId: string;
  let testUrl: string;
  let flowCount = 0;
  /** Console errors a test provokes on purpose: Chromium logs every 4xx answer of fetch as one. */

  beforeAll(async () => {
    chrome = await launchBrowser();
    app = await startEditorApp(chrome);
  });
  beforeEach(async () => {
    flowId = `run-panels-${++flowCount}`;
    testUrl = (await app.createFlow(amountCheckFlow(flowId))).webhook.testUrl;
    page = await chrome.newPage();
    chrome.errors.length = 0;
  });
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await screenshotOnFailure(page, `run panels ${context.task.name}`);
    await page?.close();
    expect(chrome.errors).toEqual([]);
  });
  afterAll(async () => {
    await chrome?.close();
    await app?.close();
  });

  const openTab = async (p: Page, tab: 'Sample & preview' | 'Executions') => {
    await p.goto(`${app.url}/#/flows/${flowId}`);
    await p.locator('.react-flow__node[data-id="check"]').waitFor();
    await p.getByRole('tab', { name: tab }).click();
    return p.getByRole('tabpanel');
  };
  const storeSample = (body: unknown) =>
    fetch(`${app.url}/api/flows/${flowId}/sample`, { method: 'PUT', headers: { ...app.authHeaders, 'content-type': 'application/json' }, body: JSON.stringify({ body }) });
  const callTestUrl = (body: unknown) => fetch(testUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('takes a typed sample, previews the draft on it and shows the selected node’s data', async () => {
    const p = page!;
    const panel = await openTab(p, 'Sample & preview');
    await panel.getByText('No sample yet.').waitFor();
    await expect(panel.locator('.curl-example').textContent()).resolves.toContain(`curl -X POST '${testUrl}'`);

    await panel.getByLabel('Body (JSON)').fill('{ "amount": 20 }');
    await panel.getByRole('button', { name: 'Save sample' }).click();
    await panel.getByText('Sample: POST request from').waitFor();
    await p.locator('.react-flow__node[data-id="check"]').click();
    const check = panel.getByRole('region', { name: 'Data of check' });
    await expect.poll(() => check.locator('dl').textContent()).toContain('Port takentrue');
    await expect(panel.locator('.preview-state').textContent()).resolves.toBe('Preview of the draft on the sample: ✓ Succeeded');
    await expect(check.getByRole('group', { name: 'Input of check' }).textContent()).resolves.toContain('amount: 20');
  });

  it('catches a call to the test URL while listening and announces it', async () => {
    await storeSample({ amount: 20 });
    const p = page!;
    const panel = await openTab(p, 'Sample & preview');
    await panel.getByText('Sample: POST request from').waitFor();
    await panel.getByRole('button', { name: 'Listen for test event' }).click();
    await panel.getByText('Waiting for a call to the test URL').waitFor();
    await callTestUrl({ amount: 3 });
    await panel.locator('[aria-live="polite"]').getByText('Test event received: POST request').waitFor();
    await p.locator('.react-flow__node[data-id="check"]').click();
    await expect.poll(() => panel.getByRole('region', { name: 'Data of check' }).locator('dl').textContent()).toContain('Port takenfalse');
  });

  it('lists the flow’s executions, opens one with its steps and data, and runs it again', async () => {
    await callTestUrl({ amount: 50 });
    const p = page!;
    const panel = await openTab(p, 'Executions');
    const items = panel.locator('.execution-item');
    await items.first().waitFor();
    await expect(items.first().textContent()).resolves.toMatch(/Succeeded.*Test/);
    await items.first().click();
    const steps = panel.getByRole('list', { name: 'Steps in the order they ran' }).getByRole('button');
    await expect.poll(() => steps.count()).toBe(3);
    await steps.nth(2).click();
    await expect(panel.getByRole('group', { name: 'Output of big' }).textContent()).resolves.toContain('amount: 50');

    await panel.getByRole('button', { name: 'Run again' }).click();
    // The server may list the new execution a moment after answering; the next poll (2 s) shows it.
    await expect.poll(() => items.count(), { timeout: 5000 }).toBe(2);
    await expect.poll(() => panel.locator('.execution-item[aria-current="true"]').textContent()).toContain('API');
    await panel.getByRole('button', { name: 'Close' }).click();
    await expect(steps.count()).resolves.toBe(0);
  });
});
