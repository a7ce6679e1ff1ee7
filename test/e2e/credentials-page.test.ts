import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { endBrowserTest, failedRequestErrors, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { signIn, startEditorApp } from '../helpers/editor-page.js';
import { flowDocument, type TestApp } from '../helpers/start-app.js';

/** Chromium logs a console error for every 4xx answer of fetch; the in-use delete provokes a 409. */
const failedRequest = failedRequestErrors(409);
const secret = 'It’s a Secret to Everybody 9f2c';
const rotatedSecret = 'the next secret 4d1e';

describe('the credentials page', { timeout: 90_000 }, () => {
  let chrome: TestBrowser;
  let app: TestApp;
  let page: Page | undefined;
  /** Every answer body the page received, to check that no value ever came back. */
  let answers: string[];

  beforeAll(async () => {
    chrome = await launchBrowser();
  });
  beforeEach(async () => {
    app = await startEditorApp(chrome);
    page = await chrome.newPage();
    answers = [];
    page.on('response', (response) => {
      if (response.url().includes('/api/')) void response.text().then((text) => answers.push(text), () => undefined);
    });
  });
  afterEach(async (context) => {
    const unexpected = await endBrowserTest(chrome, page, `credentials ${context.task.name}`, context.task.result?.state === 'fail', failedRequest);
    await app?.close();
    expect(unexpected).toEqual([]);
  });
  afterAll(async () => {
    await chrome?.close();
  });

  const row = (p: Page, name: string) => p.getByRole('row').filter({ has: p.getByRole('rowheader', { name }) });

  it('creates, updates (blank keeps the stored value) and deletes a credential, never showing a value back', async () => {
    const p = page!;
    await p.goto(`${app.url}/#/credentials`);
    await p.getByRole('region', { name: 'No credentials yet' }).waitFor();

    await p.getByRole('button', { name: 'New credential' }).click();
    const create = p.getByRole('dialog', { name: 'New credential' });
    await create.getByLabel('Name', { exact: true }).fill('github-orders');
    await create.getByLabel('Type').selectOption({ label: 'Signing secret (HMAC)' });
    await create.getByLabel('Description').fill('GitHub webhook of the orders repo');
    await expect(create.getByLabel('Secret', { exact: true }).getAttribute('type')).resolves.toBe('password');
    await create.getByLabel('Secret', { exact: true }).fill(secret);
    await create.getByRole('button', { name: 'Create credential' }).click();
    await row(p, 'github-orders').waitFor({ timeout: 10_000 });
    await expect(row(p, 'github-orders').textContent()).resolves.toContain('Signing secret (HMAC)');
    await expect(row(p, 'github-orders').textContent()).resolves.toContain('Secret');

    await row(p, 'github-orders').getByRole('button', { name: 'Update github-orders' }).click();
    const update = p.getByRole('dialog', { name: 'Update credential “github-orders”' });
    await expect(update.textContent()).resolves.toContain('Leave a field blank to keep its stored value');
    await expect(update.getByLabel('Secret', { exact: true }).inputValue()).resolves.toBe('');
    await expect(update.getByLabel('Secret', { exact: true }).getAttribute('placeholder')).resolves.toBe('Stored: leave blank to keep');
    await update.getByLabel('Previous secret').fill(rotatedSecret);
    await update.getByRole('button', { name: 'Save credential' }).click();
    await expect.poll(() => row(p, 'github-orders').textContent(), { timeout: 10_000 }).toContain('Previous secret');

    const stored = app.credentials.resolve('github-orders', 'hmacSecret');
    expect(stored).toEqual({ secret, previousSecret: rotatedSecret });

    // No value is in the page, in any answer it received, or in the browser's storage.
    const html = await p.content();
    expect(html).not.toContain(secret);
    expect(html).not.toContain(rotatedSecret);
    expect(answers.join('\n')).not.toContain(secret.slice(0, 12));
    expect(answers.join('\n')).not.toContain(rotatedSecret);
    expect(await p.evaluate<string>('JSON.stringify({ ...localStorage, ...sessionStorage })')).not.toContain(secret);

    await row(p, 'github-orders').getByRole('button', { name: 'Delete github-orders' }).click();
    const remove = p.getByRole('dialog', { name: 'Delete credential?' });
    await remove.getByRole('button', { name: 'Delete credential' }).click();
    await p.getByRole('region', { name: 'No credentials yet' }).waitFor({ timeout: 10_000 });
    expect((await app.api.get('/api/credentials')).body.credentials).toEqual([]);
  });

  it('refuses to delete a credential a flow uses, naming the flow', async () => {
    await app.api.post('/api/credentials', { name: 'shop-key', type: 'apiKey', data: { header: 'X-Api-Key', value: 'k-123456' } });
    await app.createFlow(flowDocument('shop-orders', { in: ['webhook', { auth: { type: 'headerToken', credential: 'shop-key' } }] }, []));
    const p = page!;
    await p.goto(`${app.url}/#/credentials`);
    await row(p, 'shop-key').getByRole('button', { name: 'Delete shop-key' }).click();
    const remove = p.getByRole('dialog', { name: 'Delete credential?' });
    await remove.getByRole('button', { name: 'Delete credential' }).click();
    await expect.poll(() => remove.getByRole('alert').textContent(), { timeout: 10_000 }).toMatch(/used by the flow "shop-orders"/);
    expect((await app.api.get('/api/credentials')).body.credentials).toHaveLength(1);
  });

  it('shows a viewer the list without create, update or delete', async () => {
    await app.api.post('/api/credentials', { name: 'shop-key', type: 'apiKey', data: { header: 'X-Api-Key', value: 'k-123456' } });
    const viewer = await app.login('viewer');
    await signIn(chrome, app, { username: viewer.user.username, password: viewer.password });
    const p = page!;
    await p.goto(`${app.url}/#/credentials`);
    await row(p, 'shop-key').waitFor();
    await expect(p.getByRole('button', { name: 'New credential' }).count()).resolves.toBe(0);
    await expect(p.getByRole('button', { name: 'Update shop-key' }).count()).resolves.toBe(0);
    await expect(p.getByRole('button', { name: 'Delete shop-key' }).count()).resolves.toBe(0);
  });
});
