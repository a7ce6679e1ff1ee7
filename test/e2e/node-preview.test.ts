import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotOnFailure, type TestBrowser } from '../helpers/browser.js';
import { amountCheckFlow, canvasNode, expressionField, retype, startEditorApp } from '../helpers/editor-page.js';
import type { TestApp } from '../helpers/start-app.js';

/** The live preview on every card of the flow page, without the "Sample & preview" tab open. */
describe('the preview line of the canvas cards', { timeout: 60_000 }, () => {
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
    flowId = `node-preview-${++flowCount}`;
    testUrl = (await app.createFlow(amountCheckFlow(flowId, '{ "big": true }'))).webhook.testUrl;
    page = await chrome.newPage();
    chrome.errors.length = 0;
  });
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await screenshotOnFailure(page, `node preview ${context.task.name}`);
    await page?.close();
    expect(chrome.errors).toEqual([]);
  });
  afterAll(async () => {
    await chrome?.close();
    await app?.close();
  });

  const storeSample = async (body: unknown) => {
    const response = await fetch(`${app.url}/api/flows/${flowId}/sample`, { method: 'PUT', headers: { ...app.authHeaders, 'content-type': 'application/json' }, body: JSON.stringify({ body }) });
    expect(response.status).toBe(200);
  };
  const previewLine = (p: Page, nodeId: string) => canvasNode(p, nodeId).getByRole('note', { name: /^Preview:/ });
  const openFlow = async (p: Page) => {
    await p.goto(`${app.url}/#/flows/${flowId}`);
    await canvasNode(p, 'check').waitFor();
  };

  it('shows what each node produces on the stored sample and follows the expression as it is typed', async () => {
    const p = page!;
    await storeSample({ amount: 20 });
    await openFlow(p);
    await expect(p.getByRole('tab', { name: 'Settings' }).getAttribute('aria-selected')).resolves.toBe('true');

    await expect.poll(() => previewLine(p, 'big').getAttribute('aria-label')).toBe('Preview: ran, output { big: true }');
    await expect(previewLine(p, 'check').textContent()).resolves.toBe('✓ ran→ true');
    await expect(previewLine(p, 'small').getAttribute('aria-label')).resolves.toBe('Preview: not reached');
    await expect(previewLine(p, 'small').textContent()).resolves.toBe('○ not reached');

    await canvasNode(p, 'big').click();
    await retype(p, expressionField(p, 'Expression'), '{ "total": body.amount * 2, "currency": "EUR" }');
    await expect.poll(() => previewLine(p, 'big').textContent()).toBe('✓ ran→ { total: 40, currency: "EUR" }');
    await expect(previewLine(p, 'big').getAttribute('aria-label')).resolves.toBe('Preview: ran, output { total: 40, currency: "EUR" }');

    await retype(p, expressionField(p, 'Expression'), '$error("No total")');
    await expect.poll(() => previewLine(p, 'big').getAttribute('aria-label')).toMatch(/^Preview: failed, error .*No total/);
    const colour = previewLine(p, 'big').evaluate((line) => (globalThis as unknown as { getComputedStyle(element: unknown): { color: string } }).getComputedStyle(line).color);
    await expect(colour, 'the error is red (--danger)').resolves.toBe('rgb(192, 57, 43)');
  });

  it('hides the preview lines while an execution is opened, for its path, and shows them again when it closes', async () => {
    const p = page!;
    await storeSample({ amount: 20 });
    await fetch(testUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ amount: 5 }) });
    await openFlow(p);
    await previewLine(p, 'small').waitFor();

    await p.getByRole('tab', { name: 'Executions' }).click();
    const panel = p.getByRole('tabpanel');
    await panel.locator('.execution-item').first().click();
    await expect.poll(() => canvasNode(p, 'small').locator('.flow-node').getAttribute('class')).toContain('run-ran');
    await expect(p.locator('.flow-node-preview').count()).resolves.toBe(0);

    await panel.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => previewLine(p, 'small').getAttribute('aria-label')).toBe('Preview: not reached');
  });

  it('shows no preview line while the flow has no sample', async () => {
    const p = page!;
    await openFlow(p);
    await p.getByRole('tab', { name: 'Sample & preview' }).click();
    await p.getByRole('tabpanel').getByText('No sample yet.').waitFor();
    await expect(p.locator('.flow-node-preview').count()).resolves.toBe(0);
  });
});
