/**
 * Takes the editor screenshots README.md shows (docs/editor-canvas.png, docs/editor-execution.png):
 * a fresh server with the example flows, one call to the seed example, and Debian's Chromium.
 * Run with `npm run screenshots` after `npm run build`.
 */
import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { openAuthStore } from '../server/auth/auth-store.js';
import { startServer } from '../server/main.js';
import { readServerLock } from '../server/runtime/server-lock.js';

const docs = path.resolve('docs');

async function takeScreenshots(): Promise<void> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'hookflow-screenshots-'));
  const profile = await mkdtemp(path.join(tmpdir(), 'hookflow-screenshots-chromium-'));
  // The editor needs an account: make the owner before the server starts, sign in once it runs.
  const login = { username: 'owner', password: 'screenshots-password-1' };
  const auth = await openAuthStore(dataDir);
  await auth.users.create({ ...login, role: 'owner' });
  await auth.close();
  await startServer({ HOOKFLOW_HOST: '127.0.0.1', HOOKFLOW_PORT: '0', HOOKFLOW_DATA_DIR: dataDir, HOOKFLOW_LOG_LEVEL: 'warn' });
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.HOOKFLOW_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1440, height: 810 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const { url } = (await readServerLock(dataDir))!;
    const answer = await fetch(`${url}/webhook/device-errors`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ serialNumber: 'PLE654-6964-10261', error: '212-16-17' }),
    });
    if (!answer.ok) throw new Error(`The seed example answered ${answer.status}.`);
    const signedIn = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(login) });
    const [name, ...value] = signedIn.headers.getSetCookie()[0]!.split(';')[0]!.split('=');
    await browser.addCookies([{ name: name!, value: value.join('='), url, httpOnly: true, sameSite: 'Strict' }]);
    const page = await browser.newPage();

    await page.goto(`${url}/#/flows/marketing-contact-events`);
    await page.locator('.react-flow__node[data-id]').nth(5).waitFor();
    await page.locator('.react-flow__node[data-id]').nth(1).click();
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(docs, 'editor-canvas.png') });

    await page.goto(`${url}/#/flows/device-errors`);
    await page.locator('.react-flow__node[data-id]').nth(4).waitFor();
    await page.getByRole('tab', { name: 'Executions' }).click();
    await page.locator('.execution-item').first().click();
    await page.locator('.flow-node.run-ran').first().waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(docs, 'editor-execution.png') });
  } finally {
    await browser.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
}

// The server started by startServer keeps the process alive; the screenshots are all it was for.
takeScreenshots().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
