import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/start-app.js';

describe('the editor at /', () => {
  let app: TestApp;
  let editorDir: string;

  beforeAll(async () => {
    editorDir = await mkdtemp(path.join(tmpdir(), 'hookflow-editor-'));
    await mkdir(path.join(editorDir, 'assets'));
    await writeFile(path.join(editorDir, 'index.html'), '<!doctype html><title>editor</title>');
    await writeFile(path.join(editorDir, 'assets', 'index-abc123.js'), 'console.log(1)');
    app = await startTestApp({ HOOKFLOW_EDITOR_DIR: editorDir });
  });
  afterAll(async () => {
    await app?.close();
    await rm(editorDir, { recursive: true, force: true });
  });

  it('serves the page uncached and its hashed assets cached for good', async () => {
    const page = await fetch(`${app.url}/`);
    expect([page.status, page.headers.get('cache-control'), await page.text()]).toEqual([200, 'no-cache', '<!doctype html><title>editor</title>']);
    const asset = await fetch(`${app.url}/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toMatch(/max-age=31536000.*immutable/);
  });

  it('answers a missing asset and a path that climbs out of the assets with a JSON 404, not an error', async () => {
    for (const missing of ['/assets/nope.js', '/assets/..%2f..%2fpackage.json', '/assets/%2e%2e/index.html']) {
      const response = await fetch(`${app.url}${missing}`);
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    }
  });
});
