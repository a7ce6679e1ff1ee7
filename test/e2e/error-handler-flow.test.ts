import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { endBrowserTest, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { canvasNode, startEditorApp } from '../helpers/editor-page.js';
import { flowDocument, type TestApp } from '../helpers/start-app.js';

describe('an error-handler flow in the editor', { timeout: 120_000 }, () => {
  let chrome: TestBrowser;
  let app: TestApp;
  let page: Page | undefined;

  beforeAll(async () => {
    chrome = await launchBrowser();
    app = await startEditorApp(chrome);
    await app.createFlow(flowDocument('orders', { hook: ['webhook'], shape: ['transform', { expression: 'body' }] }, [['hook', 'shape']], { name: 'Orders' }));
    await app.createFlow(flowDocument('invoices', { hook: ['webhook'] }, [], { name: 'Invoices' }));
    await app.createFlow(
      flowDocument('alert', { failed: ['error-trigger'], tell: ['transform', { expression: 'body.execution.error.message' }] }, [['failed', 'tell']], { name: 'Alert' }),
    );
  });
  afterEach(async (context) => {
    const unexpected = await endBrowserTest(chrome, page, `error flow ${context.task.name}`, context.task.result?.state === 'fail');
    expect(unexpected).toEqual([]);
  });
  afterAll(async () => {
    await chrome?.close();
    await app?.close();
  });

  it('picks the watched flows by name, shows no webhook URL or listening, and saves the ids', async () => {
    const p = (page = await chrome.newPage());
    await p.goto(`${app.url}/#/flows/alert`);
    // The palette offers the trigger from the node catalog, as every node type.
    await p.locator('[data-node-type="error-trigger"]').filter({ hasText: 'When a flow fails' }).waitFor();
    await canvasNode(p, 'failed').click();
    const settings = p.getByRole('form', { name: /Settings of/ });
    const watched = settings.getByRole('group', { name: 'Watched flows' });
    await watched.getByRole('checkbox', { name: /Orders/ }).waitFor();
    // The flow being edited is not offered; the others are, by name.
    await expect(watched.getByRole('checkbox').count()).resolves.toBe(2);
    await expect(watched.getByRole('status').textContent()).resolves.toBe('None chosen: it runs when any flow fails.');
    await expect(settings.getByText('Webhook URL').count()).resolves.toBe(0);
    await expect(settings.getByRole('button', { name: 'Rotate URL' }).count()).resolves.toBe(0);

    await watched.getByRole('checkbox', { name: /Orders/ }).check();
    await expect(watched.getByRole('status').textContent()).resolves.toBe('It runs when this flow fails.');
    await p.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(async () => (await app.api.get('/api/flows/alert')).body.flow.nodes.find((node: { id: string }) => node.id === 'failed').config, { timeout: 15_000 })
      .toEqual({ flows: ['orders'] });

    await p.getByRole('tab', { name: 'Sample & preview' }).click();
    await p.getByText('No sample yet.').waitFor();
    await expect(p.getByRole('button', { name: 'Listen for test event' }).count()).resolves.toBe(0);
    await expect(p.getByText('Webhook URLs and curl command').count()).resolves.toBe(0);
  });

  it('lists the flow without a URL on the flows page', async () => {
    const p = (page = await chrome.newPage());
    await p.goto(`${app.url}/#/`);
    const row = p.getByRole('row').filter({ hasText: 'Alert' });
    await row.getByText('No URL: starts when a watched flow fails').waitFor();
    await expect(row.getByRole('button', { name: /Copy webhook URL/ }).count()).resolves.toBe(0);
    await expect(p.getByRole('row').filter({ hasText: 'Orders' }).getByRole('button', { name: 'Copy webhook URL of Orders' }).count()).resolves.toBe(1);
  });
});
