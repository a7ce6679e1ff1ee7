import { sign } from '@octokit/webhooks-methods';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { endBrowserTest, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { canvasNode, startEditorApp } from '../helpers/editor-page.js';
import { flowDocument, type TestApp } from '../helpers/start-app.js';

const secret = 'It’s a Secret to Everybody 77aa';

describe('the webhook trigger’s guard settings', { timeout: 120_000 }, () => {
  let chrome: TestBrowser;
  let app: TestApp;
  let page: Page | undefined;

  beforeAll(async () => {
    chrome = await launchBrowser();
    app = await startEditorApp(chrome);
  });
  afterEach(async (context) => {
    const unexpected = await endBrowserTest(chrome, page, `guards ${context.task.name}`, context.task.result?.state === 'fail');
    expect(unexpected).toEqual([]);
  });
  afterAll(async () => {
    await chrome?.close();
    await app?.close();
  });

  const openTrigger = async (flowId: string) => {
    const p = (page = await chrome.newPage());
    await p.goto(`${app.url}/#/flows/${flowId}`);
    await canvasNode(p, 'hook').click();
    return p.getByRole('form', { name: /Settings of/ });
  };

  it('configures a GitHub signature with a credential created from the form, an address allowlist and a rate limit; the saved flow holds them and the guard works', async () => {
    await app.createFlow(flowDocument('github-push', { hook: ['webhook', {}], reply: ['transform', { expression: '{ "ok": true }' }] }, [['hook', 'reply']]));
    const settings = await openTrigger('github-push');

    const authentication = settings.getByRole('region', { name: 'Authentication' });
    await authentication.getByLabel('Kind').selectOption({ label: 'Signed by the sender' });
    await authentication.getByLabel('Sender').selectOption({ label: 'GitHub' });
    // The custom scheme's details show only for the custom sender.
    await expect(authentication.getByLabel('Signature header').count()).resolves.toBe(0);
    await authentication.getByLabel('Signing secret').selectOption({ label: 'Create credential…' });

    const create = page!.getByRole('dialog', { name: 'New credential' });
    await expect(create.getByLabel('Type').inputValue()).resolves.toBe('hmacSecret');
    await create.getByLabel('Name', { exact: true }).fill('github-push');
    await create.getByLabel('Secret', { exact: true }).fill(secret);
    await create.getByRole('button', { name: 'Create credential' }).click();
    await expect.poll(() => authentication.getByLabel('Signing secret').inputValue(), { timeout: 10_000 }).toBe('github-push');

    const access = settings.getByRole('region', { name: 'Access' });
    await access.getByRole('button', { name: 'Add allowed address' }).click();
    await access.getByRole('textbox', { name: 'Allowed address 1', exact: true }).fill('127.0.0.1');
    await access.getByRole('checkbox', { name: 'Rate limit' }).check();
    await access.getByLabel('Calls per minute').fill('600');

    await page!.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(async () => (await app.api.get('/api/flows/github-push')).body.flow.nodes.find((node: { id: string }) => node.id === 'hook').config, { timeout: 15_000 })
      .toMatchObject({
        auth: { type: 'signature', preset: 'github', credential: 'github-push' },
        allowIps: ['127.0.0.1'],
        rateLimit: { perMinute: 600 },
      });
    // The exported flow names the credential, never its value.
    expect((await app.api.get('/api/flows/github-push/export')).text).not.toContain(secret);

    const { webhook } = (await app.api.post('/api/flows/github-push/activate')).body;
    const body = JSON.stringify({ zen: 'Keep it logically awesome.' });
    const call = (headers: Record<string, string>) => fetch(webhook.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    expect((await call({ 'x-hub-signature-256': await sign(secret, body), 'x-github-delivery': 'd-1' })).status).toBe(200);
    expect((await call({ 'x-hub-signature-256': await sign('another secret', body), 'x-github-delivery': 'd-2' })).status).toBe(401);
  });

  it('rotates the URL after a confirmation: the new URL shows and answers, the old one stops at once', async () => {
    const created = await app.createFlow({ ...flowDocument('rotating', { hook: ['webhook', {}], reply: ['transform', { expression: '"pong"' }] }, [['hook', 'reply']]), active: true });
    const oldUrl = created.webhook.url;
    const settings = await openTrigger('rotating');
    await expect(settings.getByTestId('webhook-url').textContent()).resolves.toBe(oldUrl);

    await settings.getByRole('button', { name: 'Rotate URL' }).click();
    const confirm = page!.getByRole('dialog', { name: 'Rotate the webhook URL?' });
    await expect(confirm.textContent()).resolves.toContain('the current URL stops working at once');
    await confirm.getByRole('button', { name: 'Rotate URL' }).click();
    await expect.poll(() => settings.getByTestId('webhook-url').textContent(), { timeout: 10_000 }).not.toBe(oldUrl);
    const newUrl = (await settings.getByTestId('webhook-url').textContent())!;
    expect(newUrl).toBe((await app.api.get('/api/flows/rotating')).body.webhook.url);

    expect((await fetch(oldUrl, { method: 'POST' })).status).toBe(404);
    expect((await fetch(newUrl, { method: 'POST' })).status).toBe(200);
  });
});
