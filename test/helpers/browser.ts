import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install -y chromium`); playwright never downloads a browser here. */
export const chromiumPath = process.env.HOOKFLOW_CHROMIUM ?? '/usr/bin/chromium';

export interface TestBrowser {
  context: BrowserContext;
  /** A new page at 1280×720 that fails the test on any console error or uncaught page error. */
  newPage(): Promise<Page>;
  /** Console errors and page errors seen so far, on every page. */
  errors: string[];
  close(): Promise<void>;
}

/** Launches headless Chromium with a fresh profile and without any background networking. */
export async function launchBrowser(): Promise<TestBrowser> {
  const profile = await mkdtemp(path.join(tmpdir(), 'hookflow-chromium-'));
  // A persistent context is how playwright takes a fresh --user-data-dir of our own.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1280, height: 720 },
    acceptDownloads: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const errors: string[] = [];
  return {
    context,
    errors,
    async newPage() {
      const page = await context.newPage();
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      return page;
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Where screenshots of failed browser tests go (kept out of git). */
export const screenshotDir = path.resolve('test-results', 'screenshots');

/** Saves a screenshot named after the test; call it when a browser test fails. */
export async function screenshotOnFailure(page: Page | undefined, name: string): Promise<string | undefined> {
  if (!page) return undefined;
  await mkdir(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name.replace(/[^a-z0-9-]+/gi, '-').toLowerCase()}.png`);
  await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
  return file;
}

/** Chromium logs a console error for every 4xx answer of fetch; tests that provoke such answers allow them. */
export const failedRequestErrors = (...statuses: number[]) => new RegExp(`^Failed to load resource: the server responded with a status of (${statuses.join('|')})\\b`);

/**
 * Ends a browser test: saves a screenshot when it failed, closes the page, and answers the console
 * errors seen since the last call that `allowed` does not match (and forgets them all), for the test
 * to expect none.
 *
 * @example
 * afterEach(async (context) => {
 *   expect(await endBrowserTest(chrome, page, context.task.name, context.task.result?.state === 'fail', failedRequestErrors(401))).toEqual([]);
 * });
 */
export async function endBrowserTest(chrome: TestBrowser, page: Page | undefined, name: string, failed: boolean, allowed?: RegExp): Promise<string[]> {
  if (failed) await screenshotOnFailure(page, name);
  await page?.close();
  const unexpected = chrome.errors.filter((error) => !allowed?.test(error));
  chrome.errors.length = 0;
  return unexpected;
}
