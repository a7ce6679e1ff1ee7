import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotOnFailure, type TestBrowser } from '../helpers/browser.js';
import { amountCheckFlow, signIn } from '../helpers/editor-page.js';
import { startTestApp, type TestApp } from '../helpers/start-app.js';

/** The side panels in a page of their own (test/e2e/panels-harness), built once with Vite, served by a real server; panels.test.ts drives them in the real flow page. */
describe('the editor side panels on their own', { timeout: 60_000 }, () => {
  let harnessDir: string;
  let app: TestApp;
  let chrome: TestBrowser;
  let page: Page | undefined;
  let flowId: string;
  let testUrl: string;
  let flowCount = 0;
  /** Console errors a test provokes on purpose: Chromium logs every 4xx answer of fetch as one. */

  beforeAll(async () => {
    harnessDir = await mkdtemp(path.join(tmpdir(), 'hookflow-panels-'));
    await build({
      configFile: false,
      root: path.resolve('test/e2e/panels-harness'),
      plugins: [react()],
      logLevel: 'warn',
      build: { outDir: harnessDir, emptyOutDir: true, chunkSizeWarningLimit: 2000 },
    });
    [app, chrome] = await Promise.all([startTestApp({ HOOKFLOW_LOAD_EXAMPLES: 'false', HOOKFLOW_EDITOR_DIR: harnessDir }), launchBrowser()]);
    await signIn(chrome, app);
  });
  beforeEach(async () => {
    flowId = `orders-${++flowCount}`;
    testUrl = (await app.createFlow(amountCheckFlow(flowId))).webhook.testUrl;
    page = await chrome.newPage();
    chrome.errors.length = 0;
  });
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await screenshotOnFailure(page, `panels ${context.task.name}`);
    await page?.close();
    expect(chrome.errors).toEqual([]);
  });
  afterAll(async () => {
    await chrome?.close();
    await app?.close();
    await rm(harnessDir, { recursive: true, force: true });
  });

  const open = async (p: Page, variant = '') => {
    await p.goto(`${app.url}/#${flowId}${variant}`);
    await p.getByRole('region', { name: 'Sample request' }).waitFor();
  };
  const storeSample = (body: unknown) =>
    fetch(`${app.url}/api/flows/${flowId}/sample`, { method: 'PUT', headers: { ...app.authHeaders, 'content-type': 'application/json' }, body: JSON.stringify({ body }) });
  const callTestUrl = (body: unknown) => fetch(testUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('explains how to get a sample, refuses broken JSON with its place, and previews the saved sample', async () => {
    const p = page!;
    await open(p);
    await p.getByText('No sample yet.').waitFor();
    await expect(p.getByText('Test URL', { exact: true }).isVisible()).resolves.toBe(true);
    await expect(p.locator('.curl-example').textContent()).resolves.toContain(`curl -X POST '${testUrl}'`);

    const body = p.getByLabel('Body (JSON)');
    await body.fill('{\n  "amount": 20,\n}');
    await expect(p.locator('.field-error').textContent()).resolves.toMatch(/^The body is not valid JSON: .*line 3/);
    await expect(body.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(p.getByRole('button', { name: 'Save sample' }).isDisabled()).resolves.toBe(true);

    await body.fill('{ "amount": 20 }');
    await expect(p.locator('.curl-example').textContent()).resolves.toContain(`-d '{"amount":20}'`);
    await p.getByRole('button', { name: 'Save sample' }).click();
    await p.getByText('Sample: POST request from').waitFor();
    const previewTab = p.getByRole('region', { name: 'Preview tab' });
    const check = p.getByRole('region', { name: 'Data of check' });
    await expect.poll(() => check.locator('dl').textContent()).toContain('Port takentrue');
    await expect(previewTab.locator('.preview-state').textContent()).resolves.toBe('Preview of the draft on the sample: ✓ Succeeded');
    await expect(p.getByRole('region', { name: 'Data of small' }).count()).resolves.toBe(0);
    await expect(p.getByRole('group', { name: 'Output of big' }).textContent()).resolves.toContain('amount: 20');

    const stored = (await (await fetch(`${app.url}/api/flows/${flowId}/sample`, { headers: app.authHeaders })).json()) as { sample: { body: unknown } };
    expect(stored.sample.body).toEqual({ amount: 20 });
  });

  it('waits for a call to the test URL, announces it and previews it; Cancel stops waiting', async () => {
    await storeSample({ amount: 20 });
    const p = page!;
    await open(p);
    await p.getByText('Sample: POST request from').waitFor();

    await p.getByRole('button', { name: 'Listen for test event' }).click();
    await p.getByRole('button', { name: 'Cancel' }).click();
    await p.getByRole('button', { name: 'Listen for test event' }).click();
    await p.getByText('Waiting for a call to the test URL').waitFor();
    await callTestUrl({ amount: 3, note: 'x'.repeat(1000), list: Array.from({ length: 120 }, (_, index) => `item-${index}`) });
    const announcement = p.locator('[aria-live="polite"]');
    await announcement.getByText('Test event received: POST request').waitFor();
    await expect(p.getByRole('button', { name: 'Listen for test event' }).isVisible()).resolves.toBe(true);
    await expect(p.getByLabel('Body (JSON)').inputValue()).resolves.toContain('"amount": 3');
    await expect.poll(() => p.getByRole('region', { name: 'Data of check' }).locator('dl').textContent()).toContain('Port takenfalse');
    const input = p.getByRole('group', { name: 'Input of small' });
    await input.getByRole('button', { name: 'Show all 1000 characters' }).click();
    await expect(input.textContent()).resolves.toContain('x'.repeat(1000));
    const list = input.getByRole('button', { name: 'list: […] 120 items' });
    await expect(list.getAttribute('aria-expanded')).resolves.toBe('false');
    await list.click();
    await expect(input.textContent()).resolves.toContain('"item-49"');
    await expect(input.textContent()).resolves.not.toContain('"item-50"');
    await input.getByRole('button', { name: 'Show 50 more of 70 hidden' }).click();
    await input.getByRole('button', { name: 'Show 20 more of 20 hidden' }).click();
    await expect(input.textContent()).resolves.toContain('"item-119"');
  });

  it('shows why a broken draft cannot run', async () => {
    await storeSample({ amount: 20 });
    const p = page!;
    await open(p, '!broken');
    const previewTab = p.getByRole('region', { name: 'Preview tab' });
    await previewTab.getByText('The draft cannot run yet:').waitFor();
    await expect(previewTab.locator('.preview-problems').textContent()).resolves.toMatch(/^check: /);
  });

  it('lists executions as they happen, opens one with its path and steps, and runs it again', async () => {
    await storeSample({ amount: 20 });
    const p = page!;
    await open(p);
    const executions = p.getByRole('region', { name: 'Executions', exact: true });
    await executions.getByText('No executions yet.').waitFor();

    await callTestUrl({ amount: 50 });
    const items = executions.locator('.execution-item');
    await items.first().waitFor();
    await expect(items.first().textContent()).resolves.toMatch(/Succeeded.*Test/);
    await items.first().click();
    const opened = executions.locator('.execution-item[aria-current="true"]');
    await p.getByTestId('path').getByText('hook check big').waitFor();
    await expect(opened.count()).resolves.toBe(1);
    const steps = p.getByRole('list', { name: 'Steps in the order they ran' }).getByRole('button');
    await expect(steps.allTextContents()).resolves.toEqual([expect.stringMatching(/^✓ Succeededhookwebhook/), expect.stringMatching(/^✓ Succeededcheckif/), expect.stringMatching(/^✓ Succeededbigtransform/)]);
    await steps.nth(2).click();
    await expect(p.getByRole('group', { name: 'Output of big' }).last().textContent()).resolves.toContain('amount: 50');

    await executions.getByRole('button', { name: 'Run again' }).click();
    // The server may list the new execution a moment after answering; the next poll (2 s) shows it.
    await expect.poll(() => items.count(), { timeout: 5000 }).toBe(2);
    await expect.poll(() => opened.textContent()).toContain('API');
    await expect(items.first().getAttribute('aria-current')).resolves.toBe('true');

    await executions.getByRole('button', { name: 'Close' }).click();
    await expect(p.getByTestId('path').textContent()).resolves.toBe('');
  });

  it('stops asking for executions while the browser tab is hidden and asks again when it is shown', async () => {
    const p = page!;
    const listCalls: number[] = [];
    p.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/executions') listCalls.push(Date.now());
    });
    await storeSample({ amount: 20 });
    await open(p);
    await expect.poll(() => listCalls.length, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    // A script string: the root tsconfig has no DOM types for code that runs in the page.
    const setVisibility = (state: 'hidden' | 'visible') =>
      p.evaluate(`Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => '${state}' });
        document.dispatchEvent(new Event('visibilitychange'));`);

    await setVisibility('hidden');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const whileHidden = listCalls.length;
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(listCalls.length).toBe(whileHidden);
    await setVisibility('visible');
    await expect.poll(() => listCalls.length).toBe(whileHidden + 1);
  });
});
