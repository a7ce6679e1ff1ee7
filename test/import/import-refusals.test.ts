import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireServerLock } from '../../server/runtime/server-lock.js';
import { apiClient, expectApiError } from '../helpers/api-client.js';
import { runCli } from '../helpers/run-cli.js';
import { startTestApp, type TestApp } from '../helpers/start-app.js';
import { n8nLegacyWorkflow, n8nWorkflow, nodeRedFlows } from './export-shapes.js';

const n8nRefusal =
  'This is an n8n workflow export from before n8n 1.0 (2 workflows). Hookflow cannot import n8n workflows yet: their nodes are not translated into Hookflow flows. Nothing was imported; Hookflow imports Hookflow flow files (.flow.json) and bundles (hookflow export --all).';
const nodeRedRefusal =
  'This is a Node-RED flow export (2 flows, 8 nodes). Hookflow cannot import Node-RED flows yet: their nodes are not translated into Hookflow flows. Nothing was imported; Hookflow imports Hookflow flow files (.flow.json) and bundles (hookflow export --all).';
/** A flow file with a missing comma after "name" (line 4, column 3). */
const brokenText = '{\n  "schemaVersion": 1,\n  "name": "Broken"\n  "nodes": []\n}\n';

let dir: string;
let app: TestApp;
const api = apiClient(() => app.url, () => app.authHeaders);
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hookflow-import-refusals-'));
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
  await rm(dir, { recursive: true, force: true });
});

async function writeText(name: string, text: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, text);
  return file;
}

describe('POST /api/import of files Hookflow recognises but cannot import', () => {
  it('refuses n8n and Node-RED exports with 422 IMPORT_FORMAT_NOT_SUPPORTED saying what the file is, and creates nothing', async () => {
    const n8n = expectApiError(await api.post('/api/import', [n8nWorkflow(), n8nLegacyWorkflow()]), 422, 'IMPORT_FORMAT_NOT_SUPPORTED');
    expect(n8n).toEqual({ code: 'IMPORT_FORMAT_NOT_SUPPORTED', message: n8nRefusal });
    const nodeRed = expectApiError(await api.post('/api/import', nodeRedFlows()), 422, 'IMPORT_FORMAT_NOT_SUPPORTED');
    expect(nodeRed).toEqual({ code: 'IMPORT_FORMAT_NOT_SUPPORTED', message: nodeRedRefusal });
    expect((await api.get('/api/flows')).body.items).toEqual([]);
  });

  it('keeps refusing a body that is not JSON with 400 INVALID_JSON', async () => {
    const response = await api.send('POST', '/api/import', { raw: brokenText, headers: { 'content-type': 'application/json' } });
    expectApiError(response, 400, 'INVALID_JSON');
    expect((await api.get('/api/flows')).body.items).toEqual([]);
  });
});

describe('hookflow import of broken and foreign files', { timeout: 90_000 }, () => {
  it('names the line and column of invalid JSON, refuses empty and n8n / Node-RED files, exits 2 and imports nothing', async () => {
    const dataDir = path.join(dir, 'local');
    const hookflow = (...args: string[]) => runCli(args, { dataDir });
    const broken = await writeText('broken.flow.json', `\uFEFF${brokenText}`);
    expect(await hookflow('import', broken)).toEqual({
      code: 2,
      stdout: '',
      stderr: `"${broken}" is not valid JSON: line 4, column 3: Expected ',' or '}' after property value. Nothing was imported.\n`,
    });
    const empty = await writeText('empty.json', '\n');
    expect(await hookflow('import', empty)).toEqual({
      code: 2,
      stdout: '',
      stderr: `"${empty}" is empty: an import file holds JSON (a Hookflow flow file or bundle). Nothing was imported.\n`,
    });
    const n8n = await writeText('workflows.json', JSON.stringify([n8nWorkflow(), n8nLegacyWorkflow()], null, 2));
    expect(await hookflow('import', n8n)).toEqual({ code: 2, stdout: '', stderr: `${n8n}: ${n8nRefusal}\n` });
    const nodeRed = await writeText('flows.json', JSON.stringify(nodeRedFlows()));
    expect(await hookflow('import', nodeRed)).toEqual({ code: 2, stdout: '', stderr: `${nodeRed}: ${nodeRedRefusal}\n` });
    const listed = await hookflow('list', '--json');
    expect(JSON.parse(listed.stdout)).toEqual([]);
  });

  it('through a running server: the server refuses the n8n file with the same message', async () => {
    const lock = await acquireServerLock(app.dataDir, app.url);
    try {
      const hookflow = (...args: string[]) => runCli(args, { dataDir: app.dataDir, env: { HOOKFLOW_TOKEN: app.token } });
      const n8n = await writeText('remote-workflows.json', JSON.stringify([n8nWorkflow(), n8nLegacyWorkflow()]));
      expect(await hookflow('import', n8n)).toEqual({ code: 2, stdout: '', stderr: `${n8n}: ${n8nRefusal}\n` });
      const broken = await writeText('remote-broken.json', brokenText);
      const refused = await hookflow('import', broken);
      expect({ code: refused.code, stderr: refused.stderr }).toEqual({ code: 2, stderr: expect.stringContaining('is not valid JSON: line 4, column 3:') });
      expect((await api.get('/api/flows')).body.items).toEqual([]);
    } finally {
      await lock.release();
    }
  });
});
