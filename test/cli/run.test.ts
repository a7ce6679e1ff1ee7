import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { flowDocument } from '../helpers/start-app.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hookflow-cli-run-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Writes a file into the test's temp folder (values other than strings as JSON) and returns its path. */
async function fixture(name: string, content: unknown): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const run = (...args: string[]) => runCli(['run', ...args], { dataDir: path.join(dir, 'data') });
const deviceErrors = 'flows/device-errors.flow.json';
const completeReport = { serialNumber: 'SN-1', error: 'E42' };
const visited = ['device-error', 'is-complete', 'case-number', 'case-reference'];

describe('hookflow run', { timeout: 60_000 }, () => {
  it('runs a flow file on a payload and prints a trace line per node and the result', async () => {
    const { code, stdout, stderr } = await run(deviceErrors, '--input', await fixture('complete.json', completeReport));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/^Flow "Device error → service case" \(device-errors\) succeeded in \d+\.\d ms$/m);
    const traced = stdout.split('\n').filter((line) => /^ {2}[✓✗…] /.test(line));
    expect(traced.map((line) => line.trim().split(/\s+/).slice(0, 3))).toEqual([
      ['✓', 'device-error', 'webhook'],
      ['✓', 'is-complete', 'if'],
      ['✓', 'case-number', 'counter'],
      ['✓', 'case-reference', 'transform'],
    ]);
    expect(traced[1]).toMatch(/→ true$/);
    expect(stdout).toContain('Result:\n{\n  "reference": "CASE-000001"\n}\n');
  });

  it('--json prints the whole report as JSON', async () => {
    const { code, stdout } = await run(deviceErrors, '--json', '-i', await fixture('complete-json.json', completeReport));
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.flow).toEqual({ id: 'device-errors', name: 'Device error → service case' });
    expect(report.outcome).toMatchObject({ status: 'succeeded', result: { reference: 'CASE-000001' }, durationMs: expect.any(Number) });
    expect(report.outcome.nodes.map((node: { nodeId: string }) => node.nodeId)).toEqual(visited);
    expect(report.outcome.nodes[0].output).toMatchObject({ method: 'POST', body: completeReport });
  });

  it('prints what a respond node answered, and reads the payload from standard input with --input -', async () => {
    const { code, stdout } = await runCli(['run', deviceErrors, '--input', '-'], { dataDir: path.join(dir, 'data'), stdin: '{"serialNumber": ""}' });
    expect(code).toBe(0);
    expect(stdout).toMatch(/✓ reject\s+respond/);
    expect(stdout).not.toMatch(/case-number/);
    expect(stdout).toContain('Response: 400\n{\n  "error": "Send a JSON object with the fields serialNumber and error, both text."\n}');
  });

  it('takes the payload inline and refuses inline JSON that does not parse', async () => {
    const inline = await run(deviceErrors, '--input', JSON.stringify(completeReport));
    expect(inline.code).toBe(0);
    expect(inline.stdout).toMatch(/CASE-000001/);
    const broken = await run(deviceErrors, '--input', '{"serialNumber": "SN-1",');
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/The input payload given inline is not valid JSON/);
  });

  it('exits 2 with a clear message when the flow file or the payload file is missing', async () => {
    const noFlow = await run(path.join(dir, 'missing.flow.json'), '--input', await fixture('for-missing.json', completeReport));
    expect(noFlow.code).toBe(2);
    expect(noFlow.stderr).toMatch(/Cannot read the flow file ".*missing\.flow\.json": no such file/);
    const noPayload = await run(deviceErrors, '--input', path.join(dir, 'missing-payload.json'));
    expect(noPayload.code).toBe(2);
    expect(noPayload.stderr).toMatch(/Cannot read the input payload ".*missing-payload\.json": no such file/);
    expect(noFlow.stdout + noPayload.stdout).toBe('');
  });

  it('exits 2 listing every problem of an invalid flow file with its JSON path', async () => {
    const invalid = flowDocument('invalid', { in: ['webhook', { methods: [] }], odd: ['no-such-type'], bad: ['transform', { expression: '(' }] }, [['in', 'bad']], { name: '' });
    const { code, stdout, stderr } = await run(await fixture('invalid.flow.json', invalid));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/the flow is invalid/);
    for (const path of ['name', 'nodes[0].config.methods', 'nodes[1].type', 'nodes[2].config.expression']) {
      expect(stderr).toContain(`  - ${path}: `);
    }
  });

  it('exits 2 when the payload is not JSON', async () => {
    const { code, stderr } = await run(deviceErrors, '--input', await fixture('not-json.json', 'serialNumber=SN-1'));
    expect(code).toBe(2);
    expect(stderr).toMatch(/The input payload ".*not-json\.json" is not valid JSON/);
  });

  it('exits 1 when the flow fails while running, naming the node', async () => {
    const failing = flowDocument('failing', { in: ['webhook'], broken: ['transform', { expression: '$number("not a number")' }] }, [['in', 'broken']]);
    const { code, stdout } = await run(await fixture('failing.flow.json', failing));
    expect(code).toBe(1);
    expect(stdout).toMatch(/\(failing\) failed in/);
    expect(stdout).toMatch(/✗ broken\s+transform .*error: /);
    expect(stdout).toMatch(/^Error: Node "broken" failed/m);
  });
});
