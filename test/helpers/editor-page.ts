import type { Locator, Page } from 'playwright-core';
import { flowDocument, startTestApp, type TestApp } from './start-app.js';

/** The canvas card of node `id`. */
export const canvasNode = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

/** The centre of an element on the page, in page coordinates. */
export async function centreOf(locator: Locator) {
  const box = (await locator.boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Draws an edge with the mouse, from an output handle to an input handle, as a person does. */
export async function connectHandles(page: Page, from: Locator, to: Locator): Promise<void> {
  const start = await centreOf(from);
  const end = await centreOf(to);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 5 });
  await page.mouse.move(end.x, end.y, { steps: 5 });
  await page.mouse.up();
}

/** Replaces the whole text of a CodeMirror expression field by typing. */
export async function retype(page: Page, editor: Locator, text: string): Promise<void> {
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text);
}

/** The expression editor labelled `label` in the open side panel. */
export const expressionField = (page: Page, label: string) => page.getByRole('tabpanel').locator('.cm-content').and(page.getByLabel(label));

/**
 * The real server for a browser test: an empty data directory without the examples, serving the
 * editor build named by HOOKFLOW_EDITOR_DIR when it is set (a build of one's own while others
 * rebuild editor/dist), else editor/dist as CI does.
 */
export function startEditorApp(): Promise<TestApp> {
  const editorDir = process.env.HOOKFLOW_EDITOR_DIR;
  return startTestApp({ HOOKFLOW_LOAD_EXAMPLES: 'false', ...(editorDir ? { HOOKFLOW_EDITOR_DIR: editorDir } : {}) });
}

/** A flow whose if node takes its `true` port for an amount over 10: `big` runs then, else `small`. */
export const amountCheckFlow = (id: string, bigExpression = '{ "big": true, "amount": body.amount }') =>
  flowDocument(
    id,
    {
      hook: ['webhook', { methods: ['POST'] }],
      check: ['if', { condition: 'body.amount > 10' }],
      big: ['transform', { expression: bigExpression }],
      small: ['transform', { expression: '{ "big": false }' }],
    },
    [
      ['hook', 'check'],
      ['check', 'big', 'true'],
      ['check', 'small', 'false'],
    ],
  );
