import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotOnFailure, type TestBrowser } from '../helpers/browser.js';
import { canvasNode, startEditorApp } from '../helpers/editor-page.js';
import type { TestApp } from '../helpers/start-app.js';

const flowId = 'keyboard-connect';

const at = (x: number) => ({ x, y: 0 });

describe('connecting nodes with the keyboard', { timeout: 90_000 }, () => {
  let app: TestApp;
  let chrome: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    chrome = await launchBrowser();
    app = await startEditorApp(chrome);
    await app.createFlow({
      schemaVersion: 1,
      id: flowId,
      name: 'Keyboard connect',
      active: false,
      nodes: [
        { id: 'hook', type: 'webhook', position: at(0), config: { methods: ['POST'], respond: 'lastNode' } },
        { id: 'shape', type: 'transform', name: 'Shape order', position: at(280), config: { expression: '{ "id": body.id }' } },
        { id: 'answer', type: 'respond', name: 'Answer caller', position: at(560), config: { status: 200, headers: [], body: '$' } },
      ],
      edges: [],
    });
    page = await chrome.newPage();
  });
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await screenshotOnFailure(page, `keyboard-connect ${context.task.name}`);
    const errors = [...chrome.errors];
    chrome.errors.length = 0;
    expect(errors).toEqual([]);
  });
  afterAll(async () => {
    await chrome?.close();
    await app?.close();
  });

  const storedEdges = async () => ((await (await fetch(`${app.url}/api/flows/${flowId}`, { headers: app.authHeaders })).json()) as { flow: { edges: unknown[] } }).flow.edges;
  const settings = () => page.getByRole('tabpanel');
  const edges = () => page.locator('.react-flow__edge');
  /** The accessible label (aria-label, else text) of the focused element. */
  const focused = async () => {
    const element = page.locator(':focus');
    return (await element.getAttribute('aria-label', { timeout: 500 })) ?? (await element.textContent({ timeout: 500 }));
  };
  const unsaved = () => page.getByText('Unsaved changes', { exact: true });

  /** Selects a card as a keyboard user does: focus it (React Flow gives cards a tab stop) and press Enter. */
  const selectByKeyboard = async (id: string) => {
    await canvasNode(page, id).focus();
    await page.keyboard.press('Enter');
    await settings().getByText(id, { exact: true }).waitFor();
  };

  /** In the selected node's Outputs: pick the next node in the port's select with the arrow key, then Tab to Connect and press Enter. */
  const connectByKeyboard = async (port: string, option: string) => {
    const select = settings().getByRole('combobox', { name: `Add connection from ${port}` });
    await select.focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => select.evaluate((element: { selectedOptions: ArrayLike<{ textContent: string | null }> }) => element.selectedOptions[0]?.textContent)).toBe(option);
    await page.keyboard.press('Tab');
    await expect.poll(focused).toBe(`Connect ${port}`);
    await page.keyboard.press('Enter');
  };

  it('connects webhook → transform → respond from the Settings panel, saves, disconnects and undoes by keyboard', async () => {
    await page.goto(`${app.url}/#/flows/${flowId}`);
    await canvasNode(page, 'hook').waitFor();

    await selectByKeyboard('hook');
    const outputs = settings().getByRole('region', { name: 'Outputs' });
    await outputs.getByText('Not connected.').waitFor();
    // The trigger cannot take an input, so only the two other nodes are offered.
    await expect(outputs.getByRole('option').allTextContents()).resolves.toEqual(['Add connection to…', 'Shape order (shape)', 'Answer caller (answer)']);
    await outputs.getByRole('button', { name: 'Connect out' }).focus();
    await page.keyboard.press('Enter');
    await expect(outputs.getByRole('alert').textContent()).resolves.toBe('Choose a node to connect to first.');
    await connectByKeyboard('out', 'Shape order (shape)');
    await outputs.getByRole('button', { name: 'Disconnect out → Shape order' }).waitFor();
    await expect(outputs.getByRole('alert').count()).resolves.toBe(0);
    await expect(outputs.getByRole('status').textContent()).resolves.toBe('Connected out → Shape order.');
    await expect.poll(() => edges().count()).toBe(1);
    await expect(unsaved().isVisible()).resolves.toBe(true);

    await selectByKeyboard('shape');
    // The panel now holds the transform's fields only (the section's key must not collide with the form's).
    await expect(settings().getByRole('combobox', { name: 'Respond' }).count()).resolves.toBe(0);
    await expect(settings().getByRole('textbox', { name: 'Expression' }).count()).resolves.toBe(1);
    // Neither the trigger nor the transform itself can follow the transform.
    await expect(outputs.getByRole('option').allTextContents()).resolves.toEqual(['Add connection to…', 'Answer caller (answer)']);
    await connectByKeyboard('out', 'Answer caller (answer)');
    await outputs.getByRole('button', { name: 'Disconnect out → Answer caller' }).waitFor();
    await expect.poll(() => edges().count()).toBe(2);
    // Nothing else can follow the transform, so the select and Connect are gone; the focus stays in the port's group.
    await expect.poll(focused).toBe('Output out');

    await page.getByRole('button', { name: 'Save', exact: true }).focus();
    await page.keyboard.press('Enter');
    await unsaved().waitFor({ state: 'detached' });
    await expect(storedEdges()).resolves.toEqual([
      { id: 'e1', source: 'hook', target: 'shape' },
      { id: 'e2', source: 'shape', target: 'answer' },
    ]);

    const disconnect = outputs.getByRole('button', { name: 'Disconnect out → Answer caller' });
    // Every node the transform could lead to is taken, so the port offers no select; Tab from the last field before the section.
    await expect(outputs.getByRole('combobox').count()).resolves.toBe(0);
    await settings().getByRole('button', { name: 'Delete node' }).focus();
    await page.keyboard.press('Tab');
    await expect.poll(focused).toBe('Disconnect out → Answer caller');
    await page.keyboard.press('Enter');
    await disconnect.waitFor({ state: 'detached' });
    await outputs.getByText('Not connected.').waitFor();
    await expect.poll(() => edges().count()).toBe(1);
    // The pressed button is gone; the focus stays in the port's group instead of falling back to the page.
    await expect.poll(focused).toBe('Output out');
    await expect(unsaved().isVisible()).resolves.toBe(true);

    await page.keyboard.press('ControlOrMeta+Z');
    await disconnect.waitFor();
    await expect.poll(() => edges().count()).toBe(2);
    await expect(storedEdges()).resolves.toHaveLength(2);
  });
});
