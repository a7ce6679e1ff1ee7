import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';

/**
 * The built editor (`editor/dist` at the package root), found from this module whether it runs
 * from `dist/server/routes` or from source; undefined when the editor has not been built.
 */
export function findEditorDir(): string | undefined {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    if (isHookflowRoot(dir)) {
      const built = path.join(dir, 'editor', 'dist');
      return existsSync(path.join(built, 'index.html')) ? built : undefined;
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

function isHookflowRoot(dir: string): boolean {
  try {
    return (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string }).name === 'hookflow';
  } catch {
    return false;
  }
}

/**
 * Serves the editor: `/` is its page (never cached, so a new build shows at once), also at
 * `/setup` (the first start's setup link, `/setup#token=…`), `/assets/*` its hashed files (cached
 * for a year: their names change with their content).
 */
export function editorRouter(dir: string): Router {
  const router = Router();
  router.get(['/', '/setup'], (_req, res) => {
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(path.join(dir, 'index.html'));
  });
  // A missing or out-of-bounds asset falls through to the app's JSON 404.
  router.use('/assets', express.static(path.join(dir, 'assets'), { immutable: true, maxAge: '365d', index: false }));
  return router;
}
