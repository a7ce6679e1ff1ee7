import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { endBrowserTest, failedRequestErrors, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { amountCheckFlow, signIn, startEditorApp } from '../helpers/editor-page.js';
import { ownerLogin, type TestApp } from '../helpers/start-app.js';

/** Chromium logs a console error for every 4xx answer of fetch; these tests provoke 401s and 429s on purpose. */
const failedRequest = failedRequestErrors(401, 403, 429);

describe('signing in to the editor', { timeout: 90_000 }, () => {
  let chrome: TestBrowser;
  let app: TestApp | undefined;
  let page: Page | undefined;

  beforeAll(async () => {
    chrome = await launchBrowser();
  });
  afterEach(async (context) => {
    const unexpected = await endBrowserTest(chrome, page, `sign-in ${context.task.name}`, context.task.result?.state === 'fail', failedRequest);
    await app?.close();
    app = undefined;
    await chrome.context.clearCookies();
    expect(unexpected).toEqual([]);
  });
  afterAll(async () => {
    await chrome?.close();
  });

  const signInForm = (p: Page) => p.getByRole('region', { name: 'Sign in' });

  it('shows the sign-in form, refuses a wrong password, signs in, returns to the page asked for, and signs out', async () => {
    app = await startEditorApp();
    await app.createFlow(amountCheckFlow('orders'));
    page = await chrome.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(`${app.url}/#/flows/orders`);

    const form = signInForm(page);
    await form.getByLabel('Username').fill(ownerLogin.username);
    await form.getByLabel('Password').fill('not-the-password');
    await form.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => form.getByRole('alert').textContent(), { timeout: 10_000 }).toMatch(/username or the password is wrong/);
    await expect(form.getByLabel('Password').inputValue()).resolves.toBe('');

    await form.getByLabel('Password').fill(ownerLogin.password);
    await form.getByRole('button', { name: 'Sign in' }).click();
    // Back on the flow that was asked for, signed in as the owner.
    await page.locator('.react-flow__node[data-id="check"]').waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).hash).toBe('#/flows/orders');
    await expect(page.locator('.user-menu-button').textContent()).resolves.toBe('ownerowner');

    // The password went only into a POST body: not into an address, not into the browser's storage.
    expect(requests.some((url) => url.includes(ownerLogin.password) || url.includes('not-the-password'))).toBe(false);
    const stored = await page.evaluate<string>('JSON.stringify({ ...localStorage, ...sessionStorage })');
    expect(stored).not.toContain(ownerLogin.password);
    const cookie = (await chrome.context.cookies(app.url)).find((candidate) => candidate.name === 'hookflow_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });

    await page.locator('.user-menu-button').click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInForm(page).waitFor();
    // The session is over on the server too: reloading asks to sign in again.
    await page.reload();
    await signInForm(page).getByLabel('Username').waitFor();
  });

  it('says "too many attempts" with the wait after repeated wrong passwords', async () => {
    app = await startEditorApp();
    page = await chrome.newPage();
    await page.goto(app.url);
    const form = signInForm(page);
    await form.getByLabel('Username').fill(ownerLogin.username);
    await expect
      .poll(
        async () => {
          await form.getByLabel('Password').fill('wrong-password-0');
          await form.getByRole('button', { name: 'Sign in' }).click();
          await form.getByRole('button', { name: 'Sign in' }).waitFor();
          return form.getByRole('alert').textContent();
        },
        { timeout: 60_000, interval: 200 },
      )
      .toMatch(/Too many failed sign-ins.*Try again in \d+ (seconds?|minutes)/);
  });

  it('a session that ends while the editor is open brings the sign-in form back, and signing in continues on the same page', async () => {
    app = await startEditorApp(chrome);
    await app.createFlow(amountCheckFlow('orders'));
    page = await chrome.newPage();
    await page.goto(`${app.url}/#/credentials`);
    await page.getByRole('heading', { name: 'Credentials', level: 1 }).waitFor();
    await chrome.context.clearCookies();
    await page.goto(`${app.url}/#/flows/orders`);
    await expect.poll(() => page!.url()).toContain('#/flows/orders');
    const form = signInForm(page);
    await form.getByLabel('Username').fill(ownerLogin.username);
    await form.getByLabel('Password').fill(ownerLogin.password);
    await form.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.react-flow__node[data-id="check"]').waitFor({ timeout: 15_000 });
  });

  it('before any account exists: says to open the setup link; the link creates the owner and signs in', async () => {
    app = await startEditorApp(undefined, { owner: false });
    page = await chrome.newPage();
    await page.goto(app.url);
    await expect
      .poll(() => page!.locator('main').textContent(), { timeout: 15_000 })
      .toContain('Open the setup link that Hookflow printed when it started');
    await expect(page.getByLabel('Password').count()).resolves.toBe(0);

    const token = await app.auth.users.issueSetupToken();
    await page.goto(`${app.url}/setup#token=${token}`);
    const setup = page.getByRole('region', { name: 'Create the owner account' });
    await setup.getByLabel('Username').fill('ada');
    await setup.getByLabel('Password', { exact: true }).fill('short');
    await setup.getByLabel('Password again').fill('short');
    await setup.getByRole('button', { name: 'Create owner and sign in' }).click();
    await expect(setup.getByRole('alert').textContent()).resolves.toBe('Use at least 10 characters.');
    await setup.getByLabel('Password', { exact: true }).fill('correct horse battery');
    await setup.getByLabel('Password again').fill('correct horse battery');
    await setup.getByRole('button', { name: 'Create owner and sign in' }).click();

    await page.getByRole('heading', { name: 'Flows', level: 1 }).waitFor({ timeout: 15_000 });
    // The used token left the address.
    expect(page.url()).toBe(`${app.url}/#/`);
    await expect(page.getByRole('link', { name: 'Users' }).isVisible()).resolves.toBe(true);
    const users = (await app.auth.users.list()).map((user) => [user.username, user.role]);
    expect(users).toEqual([['ada', 'owner']]);
  });

  it('an editor demoted while the editor is open is told what their role cannot do, and the page turns read-only', async () => {
    app = await startEditorApp();
    await app.createFlow(amountCheckFlow('orders'));
    const editor = await app.login('editor');
    await signIn(chrome, app, { username: editor.user.username, password: editor.password });
    page = await chrome.newPage();
    await page.goto(`${app.url}/#/flows/orders`);
    await page.locator('.react-flow__node[data-id="check"]').waitFor();
    await page.getByLabel('Flow name').fill('Orders, renamed');

    expect((await app.api.send('PATCH', `/api/users/${editor.user.id}`, { json: { role: 'viewer' } })).status).toBe(200);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page!.getByText(/Your role \(editor\) cannot change flows/).count(), { timeout: 10_000 }).toBe(1);
    await page.getByText('read-only: viewer').first().waitFor({ timeout: 10_000 });
    await expect(page.getByRole('button', { name: 'Save' }).count()).resolves.toBe(0);
    expect((await app.api.get('/api/flows/orders')).body.flow.name).not.toBe('Orders, renamed');
  });

  it('a viewer sees the editor read-only: no save, activate, delete, import, palette or field edits', async () => {
    app = await startEditorApp();
    await app.createFlow(amountCheckFlow('orders'));
    const viewer = await app.login('viewer');
    await signIn(chrome, app, { username: viewer.user.username, password: viewer.password });
    page = await chrome.newPage();

    await page.goto(`${app.url}/#/`);
    await page.locator('.flows-table').waitFor();
    await expect(page.getByText('read-only: viewer').first().isVisible()).resolves.toBe(true);
    for (const name of ['New flow', 'Import flow file', 'Delete orders', 'Rename orders', 'Duplicate orders']) {
      await expect(page.getByRole('button', { name }).count(), name).resolves.toBe(0);
    }
    await expect(page.getByRole('switch', { name: /Active/ }).isDisabled()).resolves.toBe(true);

    await page.goto(`${app.url}/#/flows/orders`);
    await page.locator('.react-flow__node[data-id="check"]').waitFor();
    await expect(page.getByRole('button', { name: 'Save' }).count()).resolves.toBe(0);
    await expect(page.getByRole('switch').first().isDisabled()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: /^Add / }).count()).resolves.toBe(0);
    await expect(page.getByRole('complementary', { name: 'Node palette' }).textContent()).resolves.toContain('Read-only');

    await page.locator('.react-flow__node[data-id="hook"]').click();
    const settings = page.getByRole('form', { name: /Settings of/ });
    await expect(settings.getByLabel('Name', { exact: true }).isDisabled()).resolves.toBe(true);
    await expect(settings.getByRole('button', { name: 'Delete node' }).count()).resolves.toBe(0);
    await expect(settings.getByRole('button', { name: 'Rotate URL' }).count()).resolves.toBe(0);
    await page.locator('.react-flow__node[data-id="check"]').click();
    await expect(page.getByRole('tabpanel').locator('.cm-content').first().getAttribute('contenteditable')).resolves.toBe('false');

    // Ctrl+S sends nothing, and the flow on the server is unchanged.
    await page.keyboard.press('ControlOrMeta+S');
    expect((await app.api.get('/api/flows/orders')).body.version).toBe(1);
    // Users and the audit log are not in the viewer's bar.
    await expect(page.getByRole('link', { name: 'Users' }).count()).resolves.toBe(0);
  });
});
