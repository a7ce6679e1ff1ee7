import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotOnFailure, type TestBrowser } from '../helpers/browser.js';
import { canvasNode, connectHandles, expressionField, retype, startEditorApp } from '../helpers/editor-page.js';
import type { TestApp } from '../helpers/start-app.js';

/**
 * What a newcomer does on the first day, in one go, from an empty data directory: create a flow,
 * build it by drag and drop, see the mapping work on a pasted sample, save, switch it on, call it,
 * and find the call among the executions with its path on the canvas.
 */
describe('a first flow, from an empty Hookflow to an answered webhook', { timeout: 90_000 }, () => {
  let app: TestApp;
  let chrome: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    chrome = await launchBrowser();
    app = await startEditorApp(chrome);
    page = await chrome.newPage();
  });
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await screenshotOnFailure(page, `journey ${context.task.name}`);
  });
  afterAll(async () => {
    await chrome?.close();
    await app?.close();
  });

  it('creates, builds, previews, saves, activates, answers and shows the execution', async () => {
    await page.goto(app.url);
    await page.getByRole('region', { name: 'No flows yet' }).getByRole('button', { name: 'New flow' }).click();
    const create = page.getByRole('dialog', { name: 'New flow' });
    await create.getByLabel('Flow name').fill('Order total');
    await create.getByRole('button', { name: 'Create flow' }).click();
    await page.waitForURL(/#\/flows\/order-total-[a-z0-9]{4}$/);
    const flowId = decodeURIComponent(page.url().split('#/flows/')[1]!);

    const pane = page.locator('.react-flow__pane');
    await canvasNode(page, 'trigger').waitFor();
    await page.locator('[data-node-type="transform"]').dragTo(pane, { targetPosition: { x: 40, y: 60 } });
    await page.locator('[data-node-type="respond"]').dragTo(pane, { targetPosition: { x: 420, y: 60 } });
    const transform = canvasNode(page, 'transform-1');
    const respond = canvasNode(page, 'respond-1');
    await connectHandles(page, canvasNode(page, 'trigger').locator('.source-handle'), transform.locator('.target-handle'));
    await connectHandles(page, transform.locator('.source-handle'), respond.locator('.target-handle'));
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);

    await transform.click();
    await retype(page, expressionField(page, 'Expression'), '{ "total": $sum(body.items.(price * quantity)) }');
    await respond.click();
    await retype(page, expressionField(page, 'Body'), '$');

    await page.getByRole('tab', { name: 'Sample & preview' }).click();
    const panel = page.getByRole('tabpanel');
    await panel.getByLabel('Body (JSON)').fill('{ "items": [{ "price": 2.5, "quantity": 4 }, { "price": 1, "quantity": 3 }] }');
    await panel.getByRole('button', { name: 'Save sample' }).click();
    await transform.click();
    const data = panel.getByRole('region', { name: 'Data of transform-1' });
    await expect.poll(() => data.getByRole('group', { name: 'Output of transform-1' }).textContent()).toContain('total: 13');

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Unsaved changes', { exact: true }).waitFor({ state: 'detached' });
    await page.getByRole('switch', { name: 'Active' }).click();
    await expect.poll(async () => ((await (await fetch(`${app.url}/api/flows/${flowId}`, { headers: app.authHeaders })).json()) as { flow: { active: boolean } }).flow.active).toBe(true);

    const { webhook } = (await (await fetch(`${app.url}/api/flows/${flowId}`, { headers: app.authHeaders })).json()) as { webhook: { url: string } };
    const answer = await app.post(new URL(webhook.url).pathname, { items: [{ price: 10, quantity: 2 }] });
    await expect(answer.json()).resolves.toEqual({ total: 20 });

    await page.getByRole('tab', { name: 'Executions' }).click();
    await panel.locator('.execution-item').first().click();
    for (const node of [canvasNode(page, 'trigger'), transform, respond]) {
      await expect.poll(() => node.locator('.flow-node').getAttribute('class')).toContain('run-ran');
    }
    await expect(page.locator('.react-flow__edge.run-taken').count()).resolves.toBe(2);
    expect(chrome.errors).toEqual([]);
  });
});
