import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../helpers/api-client.js';
import { launchBrowser, screenshotOnFailure, type TestBrowser } from '../helpers/browser.js';
import { startEditorApp } from '../helpers/editor-page.js';
import { flowDocument, type TestApp } from '../helpers/start-app.js';

const orderSummaryFile = path.resolve('flows/order-summary.flow.json');

describe('the flows page', { timeout: 30_000 }, () => {
  let app: TestApp;
  let chrome: TestBrowser;
  let page: Page | undefined;
  /** The owner's API client of the current test's server. */
  let api: ApiClient;
  /** Console errors a test provokes on purpose: Chromium logs every 4xx answer of fetch as one. */
  let expectedErrors: RegExp[] = [];
  const expectFailedRequests = (...statuses: number[]) => {
    expectedErrors = statuses.map((status) => new RegExp(`^Failed to load resource: the server responded with a status of ${status}\\b`));
  };

  beforeAll(async () => {
    chrome = await launchBrowser();
  });
  beforeEach(async () => {
    app = await startEditorApp(chrome);
    api = app.api;
    page = await chrome.newPage();
    expectedErrors = [];
    chrome.errors.length = 0;
  });
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await screenshotOnFailure(page, `flows-page ${context.task.name}`);
    await page?.close();
    await app?.close();
    expect(chrome.errors.filter((error) => !expectedErrors.some((expected) => expected.test(error)))).toEqual([]);
  });
  afterAll(async () => {
    await chrome?.close();
  });

  const openList = async (p: Page) => {
    await p.goto(`${app.url}/#/`);
    await p.getByRole('heading', { name: 'Flows', level: 1 }).waitFor();
  };
  const row = (p: Page, name: string) => p.getByRole('row').filter({ has: p.getByRole('link', { name, exact: true }) });

  it('shows the empty state, creates a flow through the dialog and opens it, then renames, duplicates and deletes', async () => {
    const p = page!;
    await openList(p);
    const empty = p.getByRole('region', { name: 'No flows yet' });
    await expect(empty.textContent()).resolves.toContain('A flow is an automation');
    await expect(empty.getByRole('button', { name: 'Import a flow file' }).isVisible()).resolves.toBe(true);

    await empty.getByRole('button', { name: 'New flow' }).click();
    const create = p.getByRole('dialog', { name: 'New flow' });
    await create.getByRole('button', { name: 'Create flow' }).click();
    await expect(create.getByRole('alert').textContent()).resolves.toBe('Give the flow a name.');
    await create.getByLabel('Flow name').fill('Order → CRM');
    await create.getByRole('button', { name: 'Create flow' }).click();
    await p.waitForURL(/#\/flows\/order-crm-[a-z0-9]{4}$/);
    const id = decodeURIComponent(new URL(p.url()).hash.slice('#/flows/'.length));
    const stored = (await api.get(`/api/flows/${id}`)).body;
    expect(stored.flow).toMatchObject({ name: 'Order → CRM', active: false, nodes: [{ id: 'trigger', type: 'webhook', config: {} }], edges: [] });

    await openList(p);
    await row(p, 'Order → CRM').getByRole('button', { name: 'Rename Order → CRM' }).click();
    const rename = p.getByRole('dialog', { name: 'Rename flow' });
    await rename.getByLabel('Flow name').fill('Orders to CRM');
    await rename.getByRole('button', { name: 'Rename' }).click();
    await row(p, 'Orders to CRM').waitFor();
    expect((await api.get(`/api/flows/${id}`)).body).toMatchObject({ version: 2, flow: { name: 'Orders to CRM' } });

    await row(p, 'Orders to CRM').getByRole('button', { name: 'Duplicate Orders to CRM' }).click();
    const copyRow = row(p, 'Orders to CRM (copy)');
    await copyRow.waitFor();
    const flows = (await api.get('/api/flows')).body.items as { id: string; name: string; active: boolean }[];
    expect(flows.map((flow) => flow.name).sort()).toEqual(['Orders to CRM', 'Orders to CRM (copy)']);
    expect(flows.find((flow) => flow.name.endsWith('(copy)'))).toMatchObject({ active: false, id: expect.stringMatching(/^orders-to-crm-copy-/) });

    await copyRow.getByRole('button', { name: 'Delete Orders to CRM (copy)' }).click();
    const confirm = p.getByRole('dialog', { name: 'Delete flow?' });
    await expect(confirm.textContent()).resolves.toContain('“Orders to CRM (copy)” will be deleted');
    await confirm.getByRole('button', { name: 'Delete flow' }).click();
    await copyRow.waitFor({ state: 'detached' });
    expect(((await api.get('/api/flows')).body.items as { name: string }[]).map((flow) => flow.name)).toEqual(['Orders to CRM']);
  });

  it('tells the person when a rename was based on an old version, and renames after the reload', async () => {
    const p = page!;
    expectFailedRequests(409);
    await app.createFlow(flowDocument('greeting', { hook: ['webhook'] }, [], { name: 'Greeting' }));
    await openList(p);
    await row(p, 'Greeting').getByRole('button', { name: 'Rename Greeting' }).click();
    const stale = await api.get('/api/flows/greeting');
    await api.send('PUT', '/api/flows/greeting', { json: { ...stale.body.flow, description: 'changed elsewhere' } });

    const rename = p.getByRole('dialog', { name: 'Rename flow' });
    await rename.getByLabel('Flow name').fill('Hello');
    await rename.getByRole('button', { name: 'Rename' }).click();
    await expect(rename.getByRole('alert').textContent()).resolves.toContain('was changed somewhere else');
    await rename.getByRole('button', { name: 'Rename' }).click();
    await row(p, 'Hello').waitFor();
    expect((await api.get('/api/flows/greeting')).body.flow).toMatchObject({ name: 'Hello', description: 'changed elsewhere' });
  });

  it('imports a flow file with the file picker, exports it unchanged, and imports it again as a copy', async () => {
    const p = page!;
    expectFailedRequests(409);
    await openList(p);
    await p.getByLabel('Flow files to import').setInputFiles(orderSummaryFile);
    await expect(p.getByRole('status').filter({ hasText: 'Imported 1 flow' }).textContent()).resolves.toContain('Imported 1 flow');
    const imported = row(p, 'Order → summary (transform and respond)');
    await expect(imported.textContent()).resolves.toContain('/webhook/shop/order-summary');
    await expect(imported.getByRole('switch', { name: 'Active: Order → summary (transform and respond)' }).getAttribute('aria-checked')).resolves.toBe('true');

    const [download] = await Promise.all([p.waitForEvent('download'), imported.getByRole('button', { name: /^Export / }).click()]);
    expect(download.suggestedFilename()).toBe('order-summary.flow.json');
    const exported = JSON.parse(await readFile((await download.path())!, 'utf8'));
    expect(exported).toEqual(JSON.parse(await readFile(orderSummaryFile, 'utf8')));

    await p.getByLabel('Flow files to import').setInputFiles(orderSummaryFile);
    const alert = p.getByRole('alert').filter({ hasText: 'could not be imported' });
    await expect(alert.textContent()).resolves.toContain('A flow with id "order-summary" already exists. Nothing was imported.');
    await alert.getByRole('button', { name: 'Import as copy' }).click();
    await row(p, 'Order → summary (transform and respond) (copy)').waitFor();
    await alert.waitFor({ state: 'detached' });
    const copy = ((await api.get('/api/flows')).body.items as { id: string; name: string }[]).find((flow) => flow.name.endsWith('(copy)'))!;
    const copied = (await api.get(`/api/flows/${copy.id}`)).body.flow;
    expect(copied.active).toBe(false);
    expect(copied.nodes[0].config).toEqual({ methods: ['POST'], respond: 'lastNode' });
  });

  it('shows every problem of an invalid file and a clear message for a file that is not JSON, until dismissed', async () => {
    const p = page!;
    expectFailedRequests(422);
    const invalid = flowDocument('broken', { hook: ['webhook'], mystery: ['teleport'] }, [['hook', 'nowhere']]);
    const picker = p.getByLabel('Flow files to import');
    await openList(p);
    await picker.setInputFiles({ name: 'broken.flow.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(invalid)) });
    const alert = p.getByRole('alert').filter({ hasText: 'could not be imported' });
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toContain('Nothing was imported: the file has 2 problems.');
    const problems = await alert.getByRole('listitem').allTextContents();
    expect(problems).toHaveLength(2);
    expect(problems.find((text) => text.startsWith('nodes[1].type (node “mystery”) → '))).toMatch(/teleport/);
    expect(problems.find((text) => text.startsWith('edges[0].target'))).toMatch(/nowhere/);
    expect((await api.get('/api/flows')).body.items).toEqual([]);

    await picker.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('remember the milk') });
    await expect(alert.textContent()).resolves.toContain('“notes.txt” is not a flow file: its content is not JSON');
    await alert.getByRole('button', { name: /^Dismiss/ }).click();
    await alert.waitFor({ state: 'detached' });
  });

  it('imports a file dropped on the page, showing a drop zone while dragging', async () => {
    const p = page!;
    await openList(p);
    const content = JSON.stringify(flowDocument('dropped', { hook: ['webhook'] }, [], { name: 'Dropped flow' }));
    // A string, because this file is type-checked without the DOM's types.
    const transfer = await p.evaluateHandle(`(() => {
      const data = new DataTransfer();
      data.items.add(new File([${JSON.stringify(content)}], 'dropped.flow.json', { type: 'application/json' }));
      return data;
    })()`);
    await p.dispatchEvent('main', 'dragenter', { dataTransfer: transfer });
    await p.getByText('Drop flow files here to import them').waitFor();
    await p.dispatchEvent('main', 'drop', { dataTransfer: transfer });
    await row(p, 'Dropped flow').waitFor();
    await expect(p.getByText('Drop flow files here to import them').count()).resolves.toBe(0);
  });

  it('activates and deactivates a flow with its switch, and shows why the server refused', async () => {
    const p = page!;
    expectFailedRequests(422);
    await app.createFlow(flowDocument('ping', { hook: ['webhook'] }, [], { name: 'Ping', active: false }));
    await openList(p);
    const toggle = row(p, 'Ping').getByRole('switch', { name: 'Active: Ping' });
    await expect(toggle.getAttribute('aria-checked')).resolves.toBe('false');
    await toggle.click();
    await p.getByText('“Ping” is active').waitFor();
    // The toast can come before the list is read again; the switch follows that read.
    await expect.poll(() => toggle.getAttribute('aria-checked'), { timeout: 5000 }).toBe('true');
    expect((await api.get('/api/flows/ping')).body.flow.active).toBe(true);
    await toggle.press('Space');
    await p.getByText('“Ping” is inactive').waitFor();
    expect((await api.get('/api/flows/ping')).body.flow.active).toBe(false);

    // A refusal with reasons, as the server sends when a flow cannot be activated.
    const problem = { path: 'nodes[0].config.path', nodeId: 'hook', message: 'The webhook path "orders" is already used by flow "shop".' };
    await p.route('**/api/flows/ping/activate', (route) =>
      route.fulfill({ status: 422, json: { error: { code: 'FLOW_INVALID', message: 'The flow is invalid.', problems: [problem] } } }),
    );
    await toggle.click();
    const alert = p.getByRole('alert').filter({ hasText: '“Ping” could not be activated' });
    await expect(alert.getByRole('listitem').textContent()).resolves.toBe(`nodes[0].config.path (node “hook”) → ${problem.message}`);
    await expect.poll(() => toggle.getAttribute('aria-checked'), { timeout: 5000 }).toBe('false');
  });

  it('shows when each flow last ran and how that ended, and copies its webhook URL', async () => {
    const p = page!;
    expectFailedRequests(502);
    const echo = await app.createFlow(flowDocument('echo', { hook: ['webhook'] }, [], { name: 'Echo' }));
    const fails = await app.createFlow(flowDocument('fails', { hook: ['webhook'], boom: ['transform', { expression: '$error("boom")' }] }, [['hook', 'boom']], { name: 'Fails' }));
    const call = (url: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect((await call(echo.webhook.url)).status).toBe(200);
    expect((await call(fails.webhook.url)).status).toBe(502);
    await openList(p);
    await row(p, 'Echo').getByText('Succeeded').waitFor();
    await expect(row(p, 'Echo').locator('time').textContent()).resolves.toBe('just now');
    await row(p, 'Fails').getByText('Failed').waitFor();
    await expect(row(p, 'Fails').getByText('Succeeded').count()).resolves.toBe(0);

    await chrome.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
    await row(p, 'Echo').getByRole('button', { name: 'Copy webhook URL of Echo' }).click();
    await row(p, 'Echo').getByText('Copied').waitFor();
    await expect(p.evaluate('navigator.clipboard.readText()')).resolves.toBe(echo.webhook.url);
  });

  it('says when the server cannot be reached and loads the flows on Retry', async () => {
    const p = page!;
    expectedErrors = [/^Failed to load resource: net::ERR_CONNECTION_REFUSED/];
    await p.route('**/api/flows', (route) => route.abort('connectionrefused'), { times: 1 });
    await openList(p);
    const alert = p.getByRole('alert').filter({ hasText: 'The flows could not be loaded' });
    await expect(alert.textContent()).resolves.toContain('The Hookflow server cannot be reached');
    await alert.getByRole('button', { name: 'Retry' }).click();
    await p.getByRole('region', { name: 'No flows yet' }).waitFor();
  });
});
