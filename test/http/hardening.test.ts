import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../helpers/api-client.js';
import { startTestApp, type TestApp } from '../helpers/start-app.js';

let app: TestApp;
let editorDir: string;
beforeAll(async () => {
  editorDir = await mkdtemp(path.join(tmpdir(), 'hookflow-editor-'));
  await mkdir(path.join(editorDir, 'assets'));
  await writeFile(path.join(editorDir, 'index.html'), '<!doctype html><script type="module" src="/assets/index.js"></script>');
  app = await startTestApp({ HOOKFLOW_EDITOR_DIR: editorDir });
});
afterAll(async () => {
  await app.close();
  await rm(editorDir, { recursive: true, force: true });
});

const corsHeaders = (headers: Headers) => [...headers.keys()].filter((name) => name.startsWith('access-control-'));

describe('security headers, CORS and request ids', () => {
  it('the editor page gets helmet headers with a CSP for its own scripts and styles, and may not be framed', async () => {
    const response = await fetch(`${app.url}/`);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('strict-transport-security')).toBeNull();
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('behind an https public URL the answers add HSTS and upgrade-insecure-requests', async () => {
    const secure = await startTestApp({ HOOKFLOW_PUBLIC_URL: 'https://hooks.example.com' });
    try {
      const response = await fetch(`${secure.url}/api/auth/status`);
      expect(response.headers.get('strict-transport-security')).toMatch(/max-age=31536000/);
      expect(response.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
    } finally {
      await secure.close();
    }
  });

  it('/api answers carry no CORS headers, and a preflight gets no permission', async () => {
    const origin = { origin: 'https://elsewhere.example' };
    for (const response of [await app.api.get('/api/flows', origin), await apiClient(app.url).get('/api/auth/status', origin)]) {
      expect(response.status).toBe(200);
      expect(corsHeaders(response.headers)).toEqual([]);
    }
    const preflight = await fetch(`${app.url}/api/flows`, { method: 'OPTIONS', headers: { ...origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-csrf-token' } });
    expect([401, 403]).toContain(preflight.status);
    expect(corsHeaders(preflight.headers)).toEqual([]);
  });

  it('echoes a well-formed x-request-id and replaces a malformed one; webhooks get one too', async () => {
    expect((await app.api.get('/api/flows', { 'x-request-id': 'trace-42.a:b' })).headers.get('x-request-id')).toBe('trace-42.a:b');
    for (const bad of ['has space', 'x'.repeat(129), '<script>']) {
      expect((await app.api.get('/api/flows', { 'x-request-id': bad })).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect((await fetch(`${app.url}/webhook/nothing-here`, { method: 'POST' })).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
