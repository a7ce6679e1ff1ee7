import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, flowDocument, startTestApp, type TestApp } from '../helpers/start-app.js';

/** Issue #4, "Safe expressions": a hostile JSONata expression fails its execution within its limit, and the server keeps answering. */
let app: TestApp;

interface Execution {
  status: string;
  error?: { message: string };
}

const transformFlow = (id: string, expression: string) => flowDocument(id, { in: ['webhook', { path: id }], run: ['transform', { expression }] }, [['in', 'run']]);

async function failureOf(path: string, body: unknown = {}): Promise<{ status: number; message: string }> {
  const response = await app.post(`/webhook/${path}`, body);
  const answer = (await response.json()) as { error?: { message: string } };
  return { status: response.status, message: answer.error?.message ?? JSON.stringify(answer) };
}

beforeAll(async () => {
  app = await startTestApp({ HOOKFLOW_EXPRESSION_TIMEOUT_MS: '2000' });
  await app.createFlow(transformFlow('normal', '{ "total": $sum(body.items.price) }'));
  await app.createFlow(
    flowDocument('endless-loop', { in: ['webhook', { path: 'endless-loop', respond: 'immediately' }], run: ['transform', { expression: '($f := function($n) { $f($n + 1) }; $f(0))' }] }, [['in', 'run']]),
  );
  await app.createFlow(transformFlow('endless-recursion', '($f := function($n) { 1 + $f($n + 1) }; $f(0))'));
  await app.createFlow(transformFlow('huge-range', '[1..100000000]'));
  await app.createFlow(transformFlow('huge-pad', "$pad('', 1e9)"));
  await app.createFlow(transformFlow('doubling', "($s := 'x'; $f := function($n){ $n = 0 ? $s : ($s := $f($n-1); $s & $s)}; $f(40))"));
  await app.createFlow(transformFlow('evaluated', '$eval(body.expression)'));
});
afterAll(() => app.close());

describe('hostile expressions through the server', () => {
  it('answers a normal webhook while a hostile expression runs in another flow, and stops the hostile one at its time limit', async () => {
    const started = await app.post('/webhook/endless-loop', {});
    expect(started.status).toBe(202);
    const { executionId } = (await started.json()) as { executionId: string };
    const execution = async () => (await (await fetch(`${app.url}/api/executions/${executionId}`, { headers: app.authHeaders })).json()) as Execution;
    expect((await execution()).status).toBe('running');
    const normal = await app.post('/webhook/normal', { items: [{ price: 2 }, { price: 3 }] });
    expect(await normal.json()).toEqual({ total: 5 });
    expect((await execution()).status).toBe('running');
    const finished = await eventually(async () => {
      const record = await execution();
      return record.status === 'running' ? undefined : record;
    });
    expect(finished.status).toBe('failed');
    expect(finished.error?.message).toMatch(/Node "run" failed: The expression ran longer than its 2000 ms limit/);
  });

  it.each([
    ['endless-recursion', /recursed deeper than 500 levels/],
    ['huge-range', /range of more than 10 000 000 numbers/],
    ['huge-pad', /\$pad would be longer than 10485760 characters/],
    ['doubling', /string longer than 10485760 characters/],
  ])('fails %s with a clear error', async (path, expected) => {
    const failure = await failureOf(path);
    expect(failure.status).toBeGreaterThanOrEqual(500);
    expect(failure.message).toMatch(expected);
  });

  it('refuses a catastrophic regular expression built at run time by $eval', async () => {
    expect((await failureOf('evaluated', { expression: "$match('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!', /(a+)+$/)" })).message).toMatch(/exponential time/);
  });

  it('refuses at save time an expression nested 10 000 deep or holding a catastrophic regular expression', async () => {
    for (const [id, expression, expected] of [
      ['deep', `${'['.repeat(10_000)}1${']'.repeat(10_000)}`, /deeper than 200 levels/],
      ['regex', '$match(body.text, /(a+)+$/)', /\/\(a\+\)\+\$\/ can take exponential time/],
    ] as const) {
      const response = await app.post('/api/flows', transformFlow(id, expression));
      expect(response.status).toBe(422);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(expected);
    }
  });
});
