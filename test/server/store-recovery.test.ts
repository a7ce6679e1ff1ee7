// Issue 5, item 7: a server started on a damaged hookflow.json serves the flows of its last good copy, or refuses to start.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StartupError } from '../../server/errors.js';
import { describeStartFailure, startServer } from '../../server/main.js';
import { openStore } from '../../server/store/open-store.js';
import { flowDocument, startTestApp, type TestApp } from '../helpers/start-app.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A data directory holding a flow answering at /webhook/shop/restored and a counter, as a stopped server left it. */
async function prepareDataDir(): Promise<{ dataDir: string; file: string }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'hookflow-recovery-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const store = await openStore({ dataDir });
  const flow = flowDocument('restored', { in: ['webhook', { path: 'shop/restored' }], out: ['transform', { expression: '{ "restored": body.n }' }] }, [['in', 'out']]);
  await store.flows.create(flow as Parameters<typeof store.flows.create>[0]);
  await store.close();
  return { dataDir, file: path.join(dataDir, 'hookflow.json') };
}

describe('starting on a damaged hookflow.json', () => {
  it('serves the flows of the last good copy and keeps the damaged file aside', async () => {
    const { dataDir, file } = await prepareDataDir();
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.slice(0, text.length / 3));

    const app: TestApp = await startTestApp({ HOOKFLOW_DATA_DIR: dataDir });
    cleanups.unshift(() => app.close());
    const answer = await app.post('/webhook/shop/restored', { n: 42 });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ restored: 42 });
    const listed = await app.api.get('/api/flows');
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).toContain('"id":"restored"');
    expect(await readFile(file, 'utf8')).toBe(text);
    expect((await readdir(dataDir)).filter((name) => name.startsWith('hookflow.json.corrupt-'))).toHaveLength(1);
  });

  it('refuses to start when the copy is damaged too, naming both files', async () => {
    const { dataDir, file } = await prepareDataDir();
    await writeFile(file, '');
    await writeFile(`${file}.bak`, '{"format":1,"flows":');

    const refusal = startServer({ HOOKFLOW_DATA_DIR: dataDir, HOOKFLOW_PORT: '0', HOOKFLOW_LOG_LEVEL: 'silent', HOOKFLOW_LOAD_EXAMPLES: 'false' });
    await expect(refusal).rejects.toBeInstanceOf(StartupError);
    const message = describeStartFailure(await refusal.catch((error: unknown) => error));
    expect(message).toMatch(
      new RegExp(
        `^The flow data file ${file} cannot be used \\(the file is empty\\), and neither can its last good copy ${file}\\.bak \\(it is not valid JSON, probably cut short: .*\\)\\. Hookflow does not start over them`,
      ),
    );
    expect(await readFile(file, 'utf8')).toBe('');
  });
});
