import { readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireServerLock } from '../../server/runtime/server-lock.js';
import { runCli, type CliOptions } from '../helpers/run-cli.js';
import { flowDocument, startTestApp } from '../helpers/start-app.js';

const exampleFiles = readdirSync('flows').filter((name) => name.endsWith('.flow.json')).sort().map((name) => `flows/${name}`);
const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as { id: string; nodes: Array<{ config: { path?: string } }> };
const publicUrl = 'https://hooks.example.com';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hookflow-cli-admin-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

let folders = 0;
/** A fresh, empty folder under the test's temp folder: a data directory or a place for files. */
const freshDir = () => path.join(dir, `d${(folders += 1)}`);

/** A `hookflow` for one data directory that prints webhook URLs under `publicUrl`. */
function hookflowFor(dataDir: string, extra: Partial<CliOptions> = {}) {
  return (...args: string[]) => runCli(args, { dataDir, env: { HOOKFLOW_PUBLIC_URL: publicUrl }, ...extra });
}

async function writeFixture(name: string, content: unknown): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, JSON.stringify(content));
  return file;
}

/** The flow ids `hookflow list --json` shows. */
async function listedIds(hookflow: ReturnType<typeof hookflowFor>): Promise<string[]> {
  const { code, stdout } = await hookflow('list', '--json');
  if (code !== 0) throw new Error(`hookflow list failed with ${code}`);
  return (JSON.parse(stdout) as Array<{ id: string }>).map((flow) => flow.id).sort();
}

const cliFlow = (id: string, extra: Record<string, unknown> = {}) =>
  flowDocument(id, { in: ['webhook', { path: `cli/${id}` }], out: ['transform', { expression: '{ "echo": body }' }] }, [['in', 'out']], extra);

describe('hookflow import, list and export', { timeout: 90_000 }, () => {
  it('imports the examples into an empty data directory, lists them and exports them as equivalent files', async () => {
    const hookflow = hookflowFor(freshDir());
    const examples = await Promise.all(exampleFiles.map(readJson));
    const imported = await hookflow('import', ...exampleFiles);
    expect({ code: imported.code, stderr: imported.stderr }).toEqual({ code: 0, stderr: '' });
    const listed = await hookflow('list');
    expect(listed.code).toBe(0);
    for (const { id, nodes } of examples) {
      const row = new RegExp(`^${id}\\s+active\\s+v1\\s+${publicUrl}/webhook/${nodes[0]!.config.path}$`, 'm');
      expect(imported.stdout).toMatch(row);
      expect(listed.stdout).toMatch(row);
    }
    expect(listed.stdout.split('\n')[0]).toMatch(/^ID\s+STATUS\s+VERSION\s+WEBHOOK URL$/);

    const exportedFile = path.join(dir, 'device-errors.export.json');
    const one = await hookflow('export', 'device-errors', '-o', exportedFile);
    expect({ code: one.code, stdout: one.stdout }).toEqual({ code: 0, stdout: '' });
    expect(await readJson(exportedFile)).toEqual(await readJson('flows/device-errors.flow.json'));

    const all = await hookflow('export', '--all');
    expect(all.code).toBe(0);
    const bundle = JSON.parse(all.stdout);
    expect(bundle).toMatchObject({ schemaVersion: 1, kind: 'hookflow-bundle' });
    expect([...bundle.flows].sort((a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id))).toEqual(examples.sort((a, b) => a.id.localeCompare(b.id)));
  });

  it('export of an unknown id exits 2 naming it, and export without an id asks for one', async () => {
    const hookflow = hookflowFor(freshDir());
    const unknown = await hookflow('export', 'no-such-flow');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/No flow with id "no-such-flow" exists/);
    expect(unknown.stdout).toBe('');
    const missing = await hookflow('export');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Name the flow to export, or pass --all/);
  });

  it('import of an invalid file exits 2 listing its problems and imports nothing', async () => {
    const hookflow = hookflowFor(freshDir());
    expect((await hookflow('import', 'flows/order-summary.flow.json')).code).toBe(0);
    const invalid = flowDocument('cli-invalid', { in: ['webhook'], bad: ['transform', { expression: '{' }] }, [['in', 'bad']]);
    const file = await writeFixture('invalid-bundle.json', { schemaVersion: 1, kind: 'hookflow-bundle', flows: [cliFlow('cli-valid'), invalid] });
    const { code, stdout, stderr } = await hookflow('import', file);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('invalid-bundle.json: the flow is invalid; nothing was changed:');
    expect(stderr).toMatch(/ {2}- flows\[1\]\.nodes\[1\]\.config\.expression: JSONata syntax error/);
    expect(await listedIds(hookflow)).toEqual(['order-summary']);

    const notJson = await hookflow('import', await writeFixture('not-a-flow.json', [1, 2]));
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/not a file Hookflow can import/);
  });

  it('import of an id that exists exits 2, unless --replace, which makes the next version', async () => {
    const hookflow = hookflowFor(freshDir());
    const first = await writeFixture('replace-v1.json', cliFlow('cli-replace'));
    const second = await writeFixture('replace-v2.json', cliFlow('cli-replace', { name: 'Second' }));
    expect((await hookflow('import', first)).code).toBe(0);
    const refused = await hookflow('import', second);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/replace-v2\.json: A flow with id "cli-replace" already exists/);
    const replaced = await hookflow('import', '--replace', second);
    expect(replaced.code).toBe(0);
    expect(replaced.stdout).toMatch(/^cli-replace\s+active\s+v2\s/m);
    const list = JSON.parse((await hookflow('list', '--json')).stdout);
    expect(list).toEqual([expect.objectContaining({ id: 'cli-replace', name: 'Second', version: 2 })]);
  });

  it('--help of each command exits 0 and names its options; an unknown command fails', async () => {
    const hookflow = hookflowFor(freshDir());
    const options: Record<string, string[]> = {
      '': ['start', 'import', 'export', 'list', 'run'],
      start: ['HOOKFLOW_HOST'],
      import: ['<files...>', '--replace'],
      export: ['[id]', '--output <file>', '--all'],
      list: ['--json'],
      run: ['<flow-file>', '--input <payload>', '--method <method>', '--header <name:value>', '--query <name=value>', '--timeout <ms>', '--json', '--verbose'],
    };
    const helps = await Promise.all(Object.keys(options).map((command) => hookflow(...(command ? [command] : []), '--help')));
    Object.entries(options).forEach(([command, mentions], index) => {
      const { code, stdout } = helps[index]!;
      expect(code, `hookflow ${command} --help`).toBe(0);
      expect(stdout).toMatch(new RegExp(`^Usage: hookflow ${command}`));
      for (const mention of mentions) expect(stdout, `hookflow ${command} --help`).toContain(mention);
    });

    const unknown = await hookflow('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command 'frobnicate'/);
  });

  it('goes through the API of a server that holds the data directory: an imported flow answers at once', async () => {
    const app = await startTestApp();
    const lock = await acquireServerLock(app.dataDir, app.url);
    try {
      const hookflow = hookflowFor(app.dataDir, { env: { HOOKFLOW_TOKEN: app.token } });
      const imported = await hookflow('import', 'flows/order-summary.flow.json');
      expect({ code: imported.code, stderr: imported.stderr }).toEqual({ code: 0, stderr: '' });
      expect(imported.stdout).toMatch(new RegExp(`^order-summary\\s+active\\s+v1\\s+${app.url}/webhook/shop/order-summary$`, 'm'));

      const order = { id: 'O-1', currency: 'EUR', customer: { email: 'a@example.com' }, items: [{ price: 2.5, quantity: 2 }, { price: 1, quantity: 1 }] };
      const response = await app.post('/webhook/shop/order-summary', order);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ orderId: 'O-1', customer: 'a@example.com', items: 2, quantity: 3, total: 6, currency: 'EUR' });

      const invalid = await hookflow('import', await writeFixture('remote-invalid.json', cliFlow('remote-invalid', { name: '' })));
      expect(invalid.code).toBe(2);
      expect(invalid.stderr).toMatch(/the flow is invalid; nothing was changed:\n {2}- name: /);
      expect(await listedIds(hookflow)).toEqual(['order-summary']);
    } finally {
      await lock.release();
      await app.close();
    }
  });
});
