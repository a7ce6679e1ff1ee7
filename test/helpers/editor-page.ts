import type { Locator, Page } from 'playwright-core';

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
