import { describe, expect, it } from 'vitest';
import { compileExpression, ExpressionRuntimeError, ExpressionSyntaxError } from '../../nodes/expression.js';

const scope = { trigger: { method: 'POST', body: { id: 7 } }, nodes: { earlier: { total: 12 } } };
const run = (source: string, input: unknown = {}, limits?: Parameters<typeof compileExpression>[1]) => compileExpression(source, limits).evaluate(input, scope);

async function runtimeError(source: string, limits?: Parameters<typeof compileExpression>[1]): Promise<ExpressionRuntimeError> {
  try {
    await run(source, {}, limits);
  } catch (error) {
    if (error instanceof ExpressionRuntimeError) return error;
    throw error;
  }
  throw new Error(`"${source}" did not fail`);
}

describe('compileExpression', () => {
  it('compiles a source once and reuses it', () => {
    expect(compileExpression('a + 1')).toBe(compileExpression('a + 1'));
  });

  it('binds $trigger and $nodes next to the input', async () => {
    expect(await run('{ "in": x, "id": $trigger.body.id, "total": $nodes.earlier.total }', { x: 1 })).toEqual({ in: 1, id: 7, total: 12 });
  });

  it('reports a syntax error with its position', () => {
    let error: unknown;
    try {
      compileExpression('{ "a": 1 ');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ExpressionSyntaxError);
    expect((error as ExpressionSyntaxError).position).toBeGreaterThan(0);
  });

  it('stops an endless recursion at the depth limit', async () => {
    const error = await runtimeError('($f := function($n) { 1 + $f($n + 1) }; $f(0))');
    expect(error.code).toBe('D1011');
  });

  it('stops an endless tail recursion, which JSONata runs as a loop, at the time limit', async () => {
    const error = await runtimeError('($f := function($n) { $f($n + 1) }; $f(0))', { timeoutMs: 50, maxDepth: 500, maxSequence: 1_000_000 });
    expect(error.code).toBe('D1012');
  });

  it('stops a long evaluation at the time limit', async () => {
    const error = await runtimeError('$sum([1..9000000].($ * 2))', { timeoutMs: 20, maxDepth: 500, maxSequence: 100_000_000 });
    expect(error.code).toBe('D1012');
  });

  it('refuses huge ranges and sequences', async () => {
    expect((await runtimeError('[1..100000000]')).code).toBe('D2014');
    expect((await runtimeError('[1..200000].($ * 2)', { timeoutMs: 5000, maxDepth: 500, maxSequence: 100_000 })).code).toBe('D2015');
  });
});

/**
 * JSONata behaviours that flows rely on. jsonata is pinned (package.json) because upgrades have
 * changed behaviour before: an upgrade lands only with these green.
 */
describe('JSONata regression (pinned 2.2.2)', () => {
  const cases: Array<[string, unknown, unknown]> = [
    ['items.price', { items: [{ price: 1 }] }, 1],
    ['items.price', { items: [{ price: 1 }, { price: 2 }] }, [1, 2]],
    ['[items.price]', { items: [{ price: 1 }] }, [1]],
    ['missing.path', {}, undefined],
    ['$sum(items.(price * quantity))', { items: [{ price: 9.99, quantity: 2 }, { price: 5, quantity: 1 }] }, 24.98],
    ['$sum([])', {}, 0],
    ['$count(missing)', {}, 0],
    ['$round(2.675, 2)', {}, 2.68],
    ['$round(2.5)', {}, 2],
    ['"CASE-" & $pad($string(181), -6, "0")', {}, 'CASE-000181'],
    ['"a" & missing & "b"', {}, 'ab'],
    ['type in ["x", "y"]', { type: 'y' }, true],
    ['$boolean("")', {}, false],
    ['$boolean({})', {}, false],
    ['x = 1 ? "one" : "other"', { x: 2 }, 'other'],
    ['$keys({ "b": 1, "a": 2 })', {}, ['b', 'a']],
    ['$lowercase("ÄB")', {}, 'äb'],
    ['{ "a": [1] }', {}, { a: [1] }],
    ['items[price > 1].sku', { items: [{ sku: 'a', price: 1 }, { sku: 'b', price: 2 }] }, 'b'],
    ['$merge([{ "a": 1 }, { "b": 2 }])', {}, { a: 1, b: 2 }],
  ];

  it.each(cases)('%s', async (source, input, expected) => {
    const result = await run(source, input);
    expect(result === undefined ? undefined : JSON.parse(JSON.stringify(result))).toEqual(expected);
  });
});
