import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../logger.js';
import type { FlowRuntime } from './flow-runtime.js';
import { importFlows } from './flow-files.js';

/** The `flows/` folder that ships with Hookflow (found from this module, built or not). */
export function exampleFlowsDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.join(dir, 'flows');
}

/**
 * Imports the example flows on the first start of a data directory only: a marker file
 * remembers it, so examples a user deleted do not come back.
 */
export async function loadExampleFlows(runtime: FlowRuntime, dataDir: string, logger: Logger): Promise<void> {
  const marker = path.join(dataDir, 'examples-loaded');
  if (existsSync(marker)) return;
  const dir = exampleFlowsDir();
  const files = (await readdir(dir)).filter((name) => name.endsWith('.flow.json')).sort();
  for (const file of files) {
    const document: unknown = JSON.parse(await readFile(path.join(dir, file), 'utf8'));
    try {
      const [stored] = await importFlows(runtime, document, { replace: false });
      logger.info({ flowId: stored?.flow.id, file }, 'example flow loaded');
    } catch (error) {
      logger.warn({ file, err: error }, 'example flow not loaded');
    }
  }
  await writeFile(marker, `${new Date().toISOString()}\n`);
}
