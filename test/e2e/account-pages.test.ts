import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { endBrowserTest, failedRequestErrors, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { signIn, startEditorApp } from '../helpers/editor-page.js';
import { ownerLogin, type TestApp } from '../helpers/start-app.js';

/** Chromium logs a console error for every 4xx answer of fetch; these tests provoke some on purpose. */
const failedRequest = failedRequestErrors(401, 403, 409);

describe('the account and owner pages', { timeout: 90_000 }, () => {
  let chrome: TestBrowser;
  let app: TestApp;
  let page: Page | undefined;

  beforeAll(async () => {
    chrome = await launchBrowser();
  });
  beforeEach(async () => {
    app = await startEditorApp(chrome);
    page = await chrome.newPage();
  });
  afterEach(async (context) => {
    const unexpected = await endBrowserTest(chrome, page, `account ${context.task.name}`, context.task.result?.state === 'fail', failedRequest);
    await app?.close();
    expect(unexpected).toEqual([]);
  });
  afterAll(async () => {
    await chrome?.close();
  });

  it('creates an API token whose secret shows once and works, lists it, and revokes it after a confirmation', async () => {
    const p = page!;
    await p.goto(app.url);
    await p.locator('.user-menu-button').click();
    await p.getByRole('link', { name: 'API tokens' }).click();
    await p.getByRole('heading', { name: 'API tokens', level: 1 }).waitFor();

    await p.getByRole('button', { name: 'New token' }).click();
    const create = p.getByRole('dialog', { name: 'New API token' });
    await create.getByLabel('Token name').fill('deploy script');
    await create.getByRole('button', { name: 'Create token' }).click();
    const shown = p.getByRole('dialog', { name: 'Copy your new token' });
    await expect(shown.textContent()).resolves.toContain('This is the only time Hookflow shows this token');
    await expect(shown.getByRole('button', { name: 'Copy token' }).isVisible()).resolves.toBe(true);
    const secret = (await shown.getByTestId('new-token-secret').textContent())!;
    expect(secret).toMatch(/^hf_/);
    const asToken = await fetch(`${app.url}/api/flows`, { headers: { authorization: `Bearer ${secret}` } });
    expect(asToken.status).toBe(200);

    await shown.getByRole('button', { name: 'I have copied it' }).click();
    const row = p.getByRole('row').filter({ has: p.getByRole('rowheader', { name: 'deploy script' }) });
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toMatch(/hf_.*…/);
    // The secret is gone from the page once the dialog is closed, and the list shows only its start.
    expect(await p.content()).not.toContain(secret);
    await expect.poll(async () => {
      await p.reload();
      await row.waitFor();
      return row.textContent();
    }, { timeout: 15_000 }).not.toMatch(/Never/);

    await row.getByRole('button', { name: 'Revoke deploy script' }).click();
    const revoke = p.getByRole('dialog', { name: 'Revoke token?' });
    await expect(revoke.textContent()).resolves.toContain('stops working at once');
    await revoke.getByRole('button', { name: 'Revoke token' }).click();
    await row.waitFor({ state: 'detached', timeout: 10_000 });
    expect((await fetch(`${app.url}/api/flows`, { headers: { authorization: `Bearer ${secret}` } })).status).toBe(401);
  });

  it('changes the own password from the user menu', async () => {
    const p = page!;
    await p.goto(app.url);
    await p.locator('.user-menu-button').click();
    await p.getByRole('button', { name: 'Change password' }).click();
    const dialog = p.getByRole('dialog', { name: 'Change password' });
    await dialog.getByLabel('Current password').fill('wrong-password-9');
    await dialog.getByLabel('New password', { exact: true }).fill('a new password 42');
    await dialog.getByLabel('New password again').fill('a new password 42');
    await dialog.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent(), { timeout: 10_000 }).toMatch(/current password is wrong/);
    await dialog.getByLabel('Current password').fill(ownerLogin.password);
    await dialog.getByRole('button', { name: 'Change password' }).click();
    await p.getByRole('dialog', { name: 'Password changed' }).waitFor({ timeout: 10_000 });
    expect((await fetch(`${app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...ownerLogin, password: 'a new password 42' }) })).status).toBe(200);
  });

  it('lets the owner create a user, change roles (not the last owner’s), reset a password and delete; the audit log lists it', async () => {
    const p = page!;
    await p.goto(`${app.url}/#/admin/users`);
    await p.getByRole('button', { name: 'New user' }).click();
    const create = p.getByRole('dialog', { name: 'New user' });
    await create.getByLabel('Username').fill('grace');
    await create.getByLabel('Password', { exact: true }).fill('grace-password-1');
    await create.getByLabel('Password again').fill('grace-password-1');
    await create.getByLabel('Role').selectOption('viewer');
    await create.getByRole('button', { name: 'Create user' }).click();
    const grace = p.getByRole('row').filter({ has: p.getByRole('rowheader', { name: 'grace' }) });
    await grace.waitFor({ timeout: 10_000 });
    await expect(grace.getByLabel('Role of grace').inputValue()).resolves.toBe('viewer');

    await grace.getByLabel('Role of grace').selectOption('editor');
    await expect.poll(async () => (await app.api.get('/api/users')).body.users.find((user: { username: string }) => user.username === 'grace').role, { timeout: 10_000 }).toBe('editor');

    // The only owner cannot be demoted: the refusal is shown and the role stays.
    const owner = p.getByRole('row').filter({ has: p.getByRole('rowheader', { name: /^owner/ }) });
    await owner.getByLabel('Role of owner').selectOption('viewer');
    await expect.poll(() => p.getByRole('alert').textContent(), { timeout: 10_000 }).toMatch(/at least one owner/);
    await expect.poll(() => owner.getByLabel('Role of owner').inputValue()).toBe('owner');

    await grace.getByRole('button', { name: 'Reset the password of grace' }).click();
    const reset = p.getByRole('dialog', { name: 'Reset the password of grace' });
    await reset.getByLabel('New password', { exact: true }).fill('grace-password-2');
    await reset.getByLabel('New password again').fill('grace-password-2');
    await reset.getByRole('button', { name: 'Set password' }).click();
    await reset.waitFor({ state: 'detached', timeout: 10_000 });
    expect((await app.post('/api/auth/login', { username: 'grace', password: 'grace-password-2' })).status).toBe(200);

    await grace.getByRole('button', { name: 'Delete grace' }).click();
    await p.getByRole('dialog', { name: 'Delete user?' }).getByRole('button', { name: 'Delete user' }).click();
    await grace.waitFor({ state: 'detached', timeout: 10_000 });

    // More events than one page holds: the newest 50 show, "Older events" brings the rest.
    for (let index = 1; index <= 55; index += 1) app.audit.record({ actor: 'script', action: 'flow.update', target: `flow-${index}` });
    await expect.poll(async () => (await app.api.get('/api/audit?limit=1000')).body.events.length, { timeout: 10_000 }).toBeGreaterThan(55);
    await p.getByRole('link', { name: 'Audit log' }).click();
    const table = p.getByRole('table', { name: /Audit events/ });
    await expect.poll(() => table.textContent(), { timeout: 10_000 }).toContain('flow-55');
    await expect(table.getByRole('columnheader').allTextContents()).resolves.toEqual(['Time', 'Actor', 'Action', 'Target', 'IP address']);
    await expect(table.locator('tbody tr').count()).resolves.toBe(50);
    await expect(table.textContent()).resolves.not.toContain('login');
    await p.getByRole('button', { name: 'Older events' }).click();
    await expect.poll(() => table.textContent(), { timeout: 10_000 }).toContain('login');
    const total = (await app.api.get('/api/audit?limit=1000')).body.events.length;
    await expect.poll(() => table.locator('tbody tr').count()).toBeGreaterThanOrEqual(total - 1);
    await expect(p.getByRole('button', { name: 'Older events' }).count()).resolves.toBe(0);
  });

  it('an editor sees neither the users nor the audit log, and is told why at their address', async () => {
    const editor = await app.login('editor');
    await signIn(chrome, app, { username: editor.user.username, password: editor.password });
    const p = page!;
    await p.goto(`${app.url}/#/admin/users`);
    await p.getByRole('region', { name: 'Only owners see this page' }).waitFor();
    await expect(p.getByRole('link', { name: 'Users' }).count()).resolves.toBe(0);
    await expect(p.getByRole('link', { name: 'Audit log' }).count()).resolves.toBe(0);
  });
});
