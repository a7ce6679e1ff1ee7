import type { BrowserContext, Locator, Page } from 'playwright-core';
import { apiClient } from './api-client.js';
import type { TestBrowser } from './browser.js';
import { flowDocument, ownerLogin, startTestApp, type TestApp } from './start-app.js';

/**
 * Signs the browser in to `app` as `login` (the test app's owner unless told): signs in through
 * `POST /api/auth/login` and gives the browser the session cookie it answered, as the sign-in form
 * would. Cookies do not tell ports apart, so sign in again after starting another app.
 */
export async function signIn(browser: TestBrowser | BrowserContext, app: Pick<TestApp, 'url'>, login: { username: string; password: string } = ownerLogin): Promise<void> {
  const response = await apiClient(app.url).post('/api/auth/login', login);
  if (response.status !== 200) throw new Error(`signing in as ${login.username} failed: ${response.status} ${response.text}`);
  const [name, ...value] = response.headers.getSetCookie()[0]!.split(';')[0]!.split('=');
  const context = 'context' in browser ? browser.context : browser;
  await context.clearCookies();
  await context.addCookies([{ name: name!, value: value.join('='), url: app.url, httpOnly: true, sameSite: 'Strict' }]);
}

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
 * rebuild editor/dist), else editor/dist as CI does. With `browser`, the browser is signed in as
 * the owner (see signIn).
 */
export async function startEditorApp(browser?: TestBrowser, options: { owner?: boolean } = {}): Promise<TestApp> {
  const editorDir = process.env.HOOKFLOW_EDITOR_DIR;
  const app = await startTestApp({ HOOKFLOW_LOAD_EXAMPLES: 'false', ...(editorDir ? { HOOKFLOW_EDITOR_DIR: editorDir } : {}) }, options);
  if (browser) await signIn(browser, app);
  return app;
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
