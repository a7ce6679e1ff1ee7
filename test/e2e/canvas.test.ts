import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotOnFailure, type TestBrowser } from '../helpers/browser.js';
import { canvasNode, centreOf, connectHandles, expressionField, retype as retypeField, startEditorApp } from '../helpers/editor-page.js';
import type { TestApp } from '../helpers/start-app.js';

const flowId = 'canvas-e2e';

interface StoredView {
  flow: { name: string; active: boolean; nodes: { id: string; type: string; config: Record<string, unknown> }[]; edges: { source: string; target: string; sourceHandle?: string }[] };
  version: number;
  webhook: { url: string };
}

describe('the flow canvas', { timeout: 90_000 }, () => {
  let app: TestApp;
  let chrome: TestBrowser;
  let page: Page;
  /** Chromium logs a console error for every 4xx fetch answer; the conflict test provokes one on purpose. */
  let expectedErrors: RegExp[] = [];

  beforeAll(async () => {
    chrome = await launchBrowser();
    app = await startEditorApp(chrome);
    await app.createFlow({
      schemaVersion: 1,
      id: flowId,
      name: 'Canvas test',
      active: false,
      nodes: [{ id: 'hook', type: 'webhook', position: { x: 0, y: 0 }, config: { methods: ['POST'], respond: 'lastNode' } }],
      edges: [],
    });
    page = await chrome.newPage();
  });
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await screenshotOnFailure(page, `canvas ${context.task.name}`);
    const unexpected = chrome.errors.filter((error) => !expectedErrors.some((expected) => expected.test(error)));
    chrome.errors.length = 0;
    expectedErrors = [];
    expect(unexpected).toEqual([]);
  });
  afterAll(async () => {
    await chrome?.close();
    await app?.close();
  });

  const stored = async (): Promise<StoredView> => (await fetch(`${app.url}/api/flows/${flowId}`, { headers: app.authHeaders })).json() as Promise<StoredView>;
  const node = (id: string) => canvasNode(page, id);
  const nodes = () => page.locator('.react-flow__node');
  const edges = () => page.locator('.react-flow__edge');
  const connect = (from: Locator, to: Locator) => connectHandles(page, from, to);
  /** Whether the whole card is inside the canvas (a fit view may still be animating). */
  const inCanvas = async (locator: Locator) => {
    const [box, canvas] = await Promise.all([locator.boundingBox(), page.locator('.react-flow').boundingBox()]);
    return Boolean(box && canvas && box.x >= canvas.x && box.y >= canvas.y && box.x + box.width <= canvas.x + canvas.width && box.y + box.height <= canvas.y + canvas.height);
  };
  const expression = (label: string) => expressionField(page, label);
  const retype = (editor: Locator, text: string) => retypeField(page, editor, text);

  it('builds webhook → transform → respond by drag and drop, saves, activates and answers the webhook', async () => {
    await page.goto(`${app.url}/#/flows/${flowId}`);
    await node('hook').waitFor();
    const pane = page.locator('.react-flow__pane');

    await page.locator('[data-node-type="transform"]').dragTo(pane, { targetPosition: { x: 20, y: 40 } });
    await page.locator('[data-node-type="respond"]').dragTo(pane, { targetPosition: { x: 400, y: 40 } });
    await node('transform-1').waitFor();
    await node('respond-1').waitFor();
    await expect(page.getByText('Unsaved changes', { exact: true }).isVisible()).resolves.toBe(true);

    await connect(node('hook').locator('.source-handle'), node('transform-1').locator('.target-handle'));
    await connect(node('transform-1').locator('.source-handle'), node('respond-1').locator('.target-handle'));
    await expect.poll(() => edges().count()).toBe(2);
    await page.getByRole('button', { name: 'Auto-layout' }).click();
    await expect.poll(async () => (await node('transform-1').boundingBox())!.x).toBeGreaterThan((await node('hook').boundingBox())!.x);
    for (const id of ['hook', 'transform-1', 'respond-1']) await expect.poll(() => inCanvas(node(id)), { timeout: 5000 }).toBe(true);
    await connect(node('respond-1').locator('.source-handle'), node('transform-1').locator('.target-handle'));
    await page.getByText('That connection would make the flow loop back to this node; flows must not loop.').waitFor();
    await expect(edges().count()).resolves.toBe(2);

    await node('transform-1').click();
    const transformExpression = expression('Expression');
    await retype(transformExpression, '{ "total": ');
    const syntaxError = page.getByRole('tabpanel').getByText(/^Syntax error at character \d+:/);
    await syntaxError.waitFor();
    await expect(page.locator('.cm-lintRange-error').count()).resolves.toBeGreaterThan(0);
    await retype(transformExpression, '{ "total": $sum(body.items.price) }');
    await syntaxError.waitFor({ state: 'detached' });
    await expect(node('transform-1').locator('.flow-node-summary').textContent()).resolves.toBe('{ "total": $sum(body.items.price) }');

    await node('respond-1').click();
    await retype(expression('Body'), '$');

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Unsaved changes', { exact: true }).waitFor({ state: 'detached' });
    const saved = await stored();
    expect(saved.flow.nodes.map((flowNode) => flowNode.id).sort()).toEqual(['hook', 'respond-1', 'transform-1']);
    expect(saved.flow.edges.map(({ source, target, sourceHandle }) => ({ source, target, sourceHandle }))).toEqual([
      { source: 'hook', target: 'transform-1', sourceHandle: undefined },
      { source: 'transform-1', target: 'respond-1', sourceHandle: undefined },
    ]);
    expect(saved.flow.nodes.find((flowNode) => flowNode.id === 'respond-1')?.config).toMatchObject({ status: 200, body: '$' });

    const activeSwitch = page.getByRole('switch', { name: 'Active' });
    await activeSwitch.click();
    await expect.poll(async () => (await stored()).flow.active).toBe(true);
    await expect.poll(() => activeSwitch.isChecked()).toBe(true);

    await node('hook').click();
    const url = await page.getByTestId('webhook-url').textContent();
    expect(url).toBe(saved.webhook.url);
    await expect(page.getByRole('tabpanel').getByText(`curl -X POST ${url} -H 'content-type: application/json'`).isVisible()).resolves.toBe(true);
    const answer = await app.post(new URL(url!).pathname, { items: [{ price: 10 }, { price: 20.5 }] });
    expect(answer.status).toBe(200);
    await expect(answer.json()).resolves.toEqual({ total: 30.5 });

    await page.reload();
    await node('respond-1').waitFor();
    await expect(nodes().count()).resolves.toBe(3);
    await expect(edges().count()).resolves.toBe(2);
    await expect(page.getByText('Unsaved changes', { exact: true }).count()).resolves.toBe(0);
    await expect(page.getByRole('region', { name: 'Unsaved draft' }).count()).resolves.toBe(0);

    await page.getByRole('tab', { name: 'Executions' }).click();
    await page.getByRole('tabpanel').locator('.execution-item').first().click();
    await expect.poll(() => node('respond-1').locator('.flow-node').getAttribute('class')).toContain('run-ran');
    await expect(page.locator('.react-flow__edge.run-taken').count()).resolves.toBeGreaterThan(0);
    await page.getByRole('tab', { name: 'Settings' }).click();
  });

  it('undoes and redoes a delete, and pastes copies with new ids and the edges between them', async () => {
    await node('transform-1').click();
    await page.keyboard.press('Delete');
    await expect.poll(() => nodes().count()).toBe(2);
    await expect(edges().count()).resolves.toBe(0);
    await page.keyboard.press('ControlOrMeta+Z');
    await expect.poll(() => nodes().count()).toBe(3);
    await expect.poll(() => edges().count()).toBe(2);
    await page.keyboard.press('ControlOrMeta+Shift+Z');
    await expect.poll(() => nodes().count()).toBe(2);
    await page.keyboard.press('ControlOrMeta+Z');
    await expect.poll(() => nodes().count()).toBe(3);

    await node('transform-1').click();
    await node('respond-1').click({ modifiers: ['Shift'] });
    await page.getByRole('tabpanel').getByText('2 nodes selected.').waitFor();
    await page.keyboard.press('ControlOrMeta+C');
    await page.keyboard.press('ControlOrMeta+V');
    await node('transform-2').waitFor();
    await node('respond-2').waitFor();
    await expect.poll(() => edges().count()).toBe(3);
    const pasted = page.locator('.react-flow__edge[data-id]');
    await expect(pasted.evaluateAll((elements) => elements.length)).resolves.toBe(3);
    const [original, copy] = await Promise.all([node('transform-1').boundingBox(), node('transform-2').boundingBox()]);
    expect(copy!.x).toBeGreaterThan(original!.x);

    await page.keyboard.press('ControlOrMeta+Z');
    await expect.poll(() => nodes().count()).toBe(3);
  });

  it('explains a conflict when the flow was saved elsewhere, and reloads theirs', async () => {
    const current = await stored();
    const theirs = await fetch(`${app.url}/api/flows/${flowId}`, {
      method: 'PUT',
      headers: { ...app.authHeaders, 'content-type': 'application/json', 'if-match': `"${current.version}"` },
      body: JSON.stringify({ ...current.flow, name: 'Renamed elsewhere' }),
    });
    expect(theirs.status).toBe(200);

    expectedErrors = [/^Failed to load resource: the server responded with a status of 409\b/];
    await page.getByLabel('Flow name').fill('Renamed here');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Someone else saved this flow' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Reload theirs' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect(page.getByLabel('Flow name').inputValue()).resolves.toBe('Renamed elsewhere');
    await expect(page.getByText('Unsaved changes', { exact: true }).count()).resolves.toBe(0);
  });

  it('marks the nodes a refused save names, selects one from the problem list, and offers the unsaved draft after a refresh', async () => {
    expectedErrors = [/^Failed to load resource: the server responded with a status of 422\b/];
    await node('transform-1').click();
    await retype(expression('Expression'), ' ');
    await page.keyboard.press('Backspace');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const problems = page.getByRole('region', { name: 'Problems' });
    await problems.waitFor();
    await expect(problems.textContent()).resolves.toContain('Transform: Enter an expression.');
    await expect(node('transform-1').locator('.flow-node').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(node('respond-1').locator('.flow-node').getAttribute('aria-invalid')).resolves.toBeNull();
    await expect(page.getByRole('tabpanel').locator('.field-error').first().isVisible()).resolves.toBe(true);

    await node('respond-1').click();
    await problems.getByRole('button', { name: 'Transform: Enter an expression.' }).click();
    await expect.poll(() => page.getByRole('tabpanel').locator('.settings-kind code').textContent()).toBe('transform-1');

    await page.waitForTimeout(500);
    await page.reload();
    const banner = page.getByRole('region', { name: 'Unsaved draft' });
    await banner.waitFor();
    await expect(page.getByText('Unsaved changes', { exact: true }).count()).resolves.toBe(0);
    await banner.getByRole('button', { name: 'Restore draft' }).click();
    await page.getByText('Unsaved changes', { exact: true }).waitFor();
    await expect(node('transform-1').locator('.flow-node-summary').count()).resolves.toBe(0);

    await node('transform-1').click();
    await retype(expression('Expression'), '{ "total": $sum(body.items.price) }');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Unsaved changes', { exact: true }).waitFor({ state: 'detached' });
    await expect(problems.count()).resolves.toBe(0);
    await expect(node('transform-1').locator('.flow-node').getAttribute('aria-invalid')).resolves.toBeNull();
  });

  it('searches the palette, adds a node with the keyboard, and refuses a second trigger', async () => {
    const search = page.getByRole('searchbox', { name: 'Search nodes' });
    await search.fill('respond');
    await expect(page.locator('.palette-item').count()).resolves.toBe(1);
    await page.locator('[data-node-type="respond"]').focus();
    await page.keyboard.press('Enter');
    await node('respond-2').waitFor();

    await search.fill('URL is called');
    await expect(page.locator('.palette-item').count()).resolves.toBe(1);
    await page.locator('[data-node-type="webhook"]').press('Enter');
    await page.getByRole('alert').filter({ hasText: 'one trigger' }).waitFor();
    await expect(page.locator('.react-flow__node').filter({ has: page.locator('.category-trigger') }).count()).resolves.toBe(1);

    await page.keyboard.press('ControlOrMeta+Z');
    await expect.poll(() => nodes().count()).toBe(3);
    for (const tab of ['Settings', 'Sample & preview', 'Executions']) await expect(page.getByRole('tab', { name: tab }).count()).resolves.toBe(1);
  });

  it('drags a node of a 100-node flow; the document (and its undo history) changes only when the drag stops', async () => {
    const big = 'canvas-big';
    const count = 100;
    await app.createFlow({
      schemaVersion: 1,
      id: big,
      name: 'A hundred nodes',
      active: false,
      nodes: [
        { id: 'hook', type: 'webhook', position: { x: 0, y: 0 }, config: {} },
        ...Array.from({ length: count - 1 }, (_, index) => ({
          id: `step-${index + 1}`,
          type: 'transform',
          position: { x: 260 * ((index + 1) % 10), y: 140 * Math.floor((index + 1) / 10) },
          config: { expression: `$ ~> | $ | { "step": ${index + 1} } |` },
        })),
      ],
      edges: Array.from({ length: count - 1 }, (_, index) => ({ id: `e${index + 1}`, source: index === 0 ? 'hook' : `step-${index}`, target: `step-${index + 1}` })),
    });
    await page.goto(`${app.url}/#/flows/${big}`);
    await expect.poll(() => nodes().count()).toBe(count);
    await page.getByRole('button', { name: 'Zoom in' }).click();

    const card = node('step-1');
    const start = await centreOf(card.locator('.flow-node-name'));
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    for (let step = 1; step <= 30; step++) await page.mouse.move(start.x + step * 3, start.y + step * 2);
    await expect(page.getByText('Unsaved changes', { exact: true }).count()).resolves.toBe(0);
    await page.mouse.up();
    await page.getByText('Unsaved changes', { exact: true }).waitFor();
    const moved = (await card.boundingBox())!;
    expect(moved.x).toBeGreaterThan(start.x - moved.width / 2 + 60);

    await page.keyboard.press('ControlOrMeta+Z');
    await page.getByText('Unsaved changes', { exact: true }).waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Fit view', exact: true }).click();
    const hook = node('hook');
    await expect.poll(() => inCanvas(hook)).toBe(true);
    const before = (await hook.boundingBox())!;
    await hook.click();
    await page.keyboard.press('ArrowRight');
    await page.getByText('Unsaved changes', { exact: true }).waitFor();
    expect((await hook.boundingBox())!.x).toBeGreaterThan(before.x);
    await page.keyboard.press('ControlOrMeta+Z');
    await page.getByText('Unsaved changes', { exact: true }).waitFor({ state: 'detached' });
  });

  it('lists the reasons an activation is refused and marks the nodes they name', async () => {
    expectedErrors = [/^Failed to load resource: the server responded with a status of 422\b/];
    await app.createFlow({
      schemaVersion: 1,
      id: 'canvas-not-ready',
      name: 'Not ready',
      active: false,
      nodes: [
        { id: 'hook', type: 'webhook', position: { x: 0, y: 0 }, config: {} },
        { id: 'lonely', type: 'transform', position: { x: 300, y: 0 }, config: { expression: '$' } },
      ],
      edges: [],
    });
    await page.goto(`${app.url}/#/flows/canvas-not-ready`);
    await node('lonely').waitFor();
    const activeSwitch = page.getByRole('switch', { name: 'Active' });
    await activeSwitch.click();
    const problems = page.getByRole('region', { name: 'Problems' });
    await problems.waitFor();
    await expect(problems.textContent()).resolves.toContain('is not connected to the trigger');
    await expect(node('lonely').locator('.flow-node').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(node('lonely').locator('.flow-node').getAttribute('title')).resolves.toContain('not connected to the trigger');
    await expect(activeSwitch.isChecked()).resolves.toBe(false);
    await page.getByRole('alert').filter({ hasText: 'The flow was not activated' }).waitFor();
  });
});
