import type { Dialog, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotOnFailure, type TestBrowser } from '../helpers/browser.js';
import { canvasNode, startEditorApp } from '../helpers/editor-page.js';
import type { TestApp } from '../helpers/start-app.js';

const flowId = 'leave-guard-e2e';

interface StoredEdge {
  source: string;
  target: string;
  sourceHandle?: string;
}

describe('leaving a flow with unsaved changes', { timeout: 60_000 }, () => {
  let app: TestApp;
  let chrome: TestBrowser;
  let page: Page;
  /** The questions asked, in order; `answer` decides each one. */
  let asked: string[];
  let answer: 'stay' | 'leave';

  beforeAll(async () => {
    chrome = await launchBrowser();
    app = await startEditorApp(chrome);
    await app.createFlow({
      schemaVersion: 1,
      id: flowId,
      name: 'Leave guard test',
      active: false,
      nodes: [
        { id: 'hook', type: 'webhook', position: { x: 0, y: 0 }, config: { methods: ['POST'], respond: 'lastNode' } },
        { id: 'route', type: 'switch', position: { x: 260, y: 0 }, config: { rules: [{ name: 'eu', condition: "country = 'DE'" }, { name: 'us', condition: "country = 'US'" }] } },
        { id: 'europe', type: 'transform', position: { x: 520, y: -80 }, config: { expression: '$' } },
        { id: 'america', type: 'transform', position: { x: 520, y: 80 }, config: { expression: '$' } },
      ],
      edges: [
        { id: 'e1', source: 'hook', target: 'route' },
        { id: 'e2', source: 'route', target: 'europe', sourceHandle: 'eu' },
        { id: 'e3', source: 'route', target: 'america', sourceHandle: 'us' },
      ],
    });
  });
  beforeEach(async () => {
    asked = [];
    answer = 'stay';
    page = await chrome.newPage();
    page.on('dialog', (dialog: Dialog) => {
      asked.push(dialog.message());
      return answer === 'leave' ? dialog.accept() : dialog.dismiss();
    });
    // Arrive from the flows page, so that Back has somewhere to go.
    await page.goto(`${app.url}/#/`);
    await page.getByRole('link', { name: 'Leave guard test' }).click();
    await canvasNode(page, 'route').waitFor();
  });
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await screenshotOnFailure(page, `leave guard ${context.task.name}`);
    answer = 'leave';
    await page.close({ runBeforeUnload: false });
    const errors = [...chrome.errors];
    chrome.errors.length = 0;
    expect(errors).toEqual([]);
  });
  afterAll(async () => {
    await chrome?.close();
    await app?.close();
  });

  const flowsHeading = () => page.getByRole('heading', { name: 'Flows', level: 1 });
  const flowName = () => page.getByLabel('Flow name');
  const drawnEdges = () => page.locator('.react-flow__edge');
  const unsaved = () => page.getByText('Unsaved changes', { exact: true });
  const stored = async () => ((await (await fetch(`${app.url}/api/flows/${flowId}`, { headers: app.authHeaders })).json()) as { flow: { edges: StoredEdge[] } }).flow;

  it('asks once on Back; staying keeps the address and the edit, leaving shows the flows', async () => {
    await flowName().fill('Leave guard test, edited');
    await unsaved().waitFor();

    await page.goBack();
    await expect.poll(() => asked.length).toBe(1);
    expect(asked[0]).toMatch(/unsaved changes/);
    await expect.poll(() => page.evaluate<string>('window.location.hash')).toBe(`#/flows/${flowId}`);
    await expect(flowName().inputValue()).resolves.toBe('Leave guard test, edited');
    await expect(flowsHeading().count()).resolves.toBe(0);

    answer = 'leave';
    await page.goBack();
    await flowsHeading().waitFor();
    expect(asked).toHaveLength(2);
    await expect(page.evaluate<string>('window.location.hash')).resolves.toBe('#/');
  });

  it('asks exactly once for the "← Flows" link, and not at all without unsaved changes', async () => {
    await page.getByRole('link', { name: '← Flows' }).click();
    await flowsHeading().waitFor();
    expect(asked).toEqual([]);

    await page.goBack();
    await canvasNode(page, 'route').waitFor();
    await flowName().fill('Edited again');
    await page.getByRole('link', { name: '← Flows' }).click();
    await expect.poll(() => asked.length).toBe(1);
    await expect(flowName().inputValue()).resolves.toBe('Edited again');

    answer = 'leave';
    await page.getByRole('link', { name: '← Flows' }).click();
    await flowsHeading().waitFor();
    expect(asked).toHaveLength(2);
  });

  it('keeps a switch rule\'s edges when the rule is renamed and drops them when it is removed', async () => {
    await canvasNode(page, 'route').click();
    const settings = page.getByRole('form', { name: /^Settings of/ });
    const portName = settings.getByLabel('Port name').first();
    await portName.fill('europe');
    await expect.poll(() => drawnEdges().count()).toBe(3);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText(/Saved \(version \d+\)/).waitFor();
    const edges = (await stored()).edges.filter((edge) => edge.source === 'route');
    expect(edges.map((edge) => `${edge.sourceHandle}→${edge.target}`).sort()).toEqual(['europe→europe', 'us→america']);

    await settings.getByRole('button', { name: 'Remove Rule 2', exact: true }).click();
    await expect.poll(() => drawnEdges().count()).toBe(2);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(async () => (await stored()).edges.map((edge) => edge.target).sort()).toEqual(['europe', 'route']);
  });
});
