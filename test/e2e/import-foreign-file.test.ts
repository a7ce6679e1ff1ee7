import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotOnFailure, type TestBrowser } from '../helpers/browser.js';
import { startEditorApp } from '../helpers/editor-page.js';
import type { TestApp } from '../helpers/start-app.js';
import { n8nWorkflow } from '../import/export-shapes.js';

describe('dropping an export of another tool on the flows page', { timeout: 30_000 }, () => {
  let app: TestApp;
  let chrome: TestBrowser;
  let page: Page | undefined;

  beforeAll(async () => {
    chrome = await launchBrowser();
    app = await startEditorApp(chrome);
    page = await chrome.newPage();
  });
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await screenshotOnFailure(page, `import-foreign-file ${context.task.name}`);
  });
  afterAll(async () => {
    await page?.close();
    await app?.close();
    await chrome?.close();
  });

  it("shows the server's message that n8n workflows cannot be imported yet, and imports nothing", async () => {
    const p = page!;
    await p.goto(`${app.url}/#/`);
    await p.getByRole('heading', { name: 'Flows', level: 1 }).waitFor();
    const content = JSON.stringify(n8nWorkflow());
    // A string, because this file is type-checked without the DOM's types.
    const transfer = await p.evaluateHandle(`(() => {
      const data = new DataTransfer();
      data.items.add(new File([${JSON.stringify(content)}], 'Order_webhook.json', { type: 'application/json' }));
      return data;
    })()`);
    await p.dispatchEvent('main', 'dragenter', { dataTransfer: transfer });
    await p.dispatchEvent('main', 'drop', { dataTransfer: transfer });
    const alert = p.getByRole('alert').filter({ hasText: 'could not be imported' });
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toContain(
      'This is an n8n workflow export (1 workflow). Hookflow cannot import n8n workflows yet: their nodes are not translated into Hookflow flows. Nothing was imported;',
    );
    expect((await app.api.get('/api/flows')).body.items).toEqual([]);
    expect(chrome.errors.filter((error) => !/status of 422\b/.test(error))).toEqual([]);
  });
});
