import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotOnFailure, type TestBrowser } from '../helpers/browser.js';
import { signIn } from '../helpers/editor-page.js';
import { startTestApp, type TestApp } from '../helpers/start-app.js';

describe('the editor shell', { timeout: 60_000 }, () => {
  let app: TestApp;
  let chrome: TestBrowser;
  let page: Page | undefined;

  beforeAll(async () => {
    [app, chrome] = await Promise.all([startTestApp(), launchBrowser()]);
    await signIn(chrome, app);
  });
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await screenshotOnFailure(page, context.task.name);
    await page?.close();
  });
  afterAll(async () => {
    await chrome?.close();
    await app?.close();
  });

  it('serves the built editor at / with no console errors', async () => {
    page = await chrome.newPage();
    const response = await page.goto(app.url);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['cache-control']).toBe('no-cache');
    await page.locator('#root > *').first().waitFor();
    expect(chrome.errors).toEqual([]);
  });
});
