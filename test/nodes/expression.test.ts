import { describe, expect, it } from 'vitest';
import { compileExpression, defaultExpressionLimits, ExpressionRuntimeError, ExpressionSyntaxError, type ExpressionLimits } from '../../nodes/expression.js';

const scope = { trigger: { method: 'POST', body: { id: 7 } }, nodes: { earlier: { total: 12 } } };
const run = (source: string, input: unknown = {}, limits?: ExpressionLimits) => compileExpression(source, limits).evaluate(input, scope);
const withLimits = (changes: Partial<ExpressionLimits>): ExpressionLimits => ({ ...defaultExpressionLimits, ...changes });

async function runtimeError(source: string, limits?: ExpressionLimits): Promise<ExpressionRuntimeError> {
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
    expect(error.code).toBe('EXPRESSION_LIMIT');
    expect(error.message).toMatch(/recursed deeper than 500 levels/);
  });

  it('stops an endless tail recursion, which JSONata runs as a loop, at the time limit', async () => {
    const error = await runtimeError('($f := function($n) { $f($n + 1) }; $f(0))', withLimits({ timeoutMs: 50 }));
    expect(error.code).toBe('EXPRESSION_LIMIT');
    expect(error.message).toMatch(/longer than its 50 ms limit/);
  });

  it('stops a long evaluation at the time limit', async () => {
    const error = await runtimeError('$sum([1..9000000].($ * 2))', withLimits({ timeoutMs: 20, maxSequence: 100_000_000 }));
    expect(error.message).toMatch(/longer than its 20 ms limit/);
  });

  it('refuses huge ranges and sequences', async () => {
    expect((await runtimeError('[1..100000000]')).message).toMatch(/range of more than 10 000 000/);
    expect((await runtimeError('[1..200000].($ * 2)', withLimits({ timeoutMs: 5000, maxSequence: 100_000 }))).message).toMatch(/sequence longer than 100000/);
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

/** Hostile expressions (issue #4, "Safe expressions"): each fails fast with EXPRESSION_LIMIT or a syntax error. */
describe('hostile expressions', () => {
  function syntaxError(source: string): ExpressionSyntaxError {
    try {
      compileExpression(source);
    } catch (error) {
      if (error instanceof ExpressionSyntaxError) return error;
      throw error;
    }
    throw new Error('it compiled');
  }

  it('refuses deeply nested source at compile time instead of overflowing the stack', () => {
    expect(syntaxError(`${'('.repeat(10_000)}1${')'.repeat(10_000)}`).message).toMatch(/nests brackets deeper than 200 levels/);
    expect(syntaxError(`${'['.repeat(10_000)}1${']'.repeat(10_000)}`).message).toMatch(/deeper than 200/);
    expect(syntaxError(`1${' + 1'.repeat(20_000)}`).message).toMatch(/nested too deeply to parse/);
  });

  it('counts brackets outside strings and comments only', async () => {
    expect(await run(`"${'('.repeat(300)}" & '${'['.repeat(300)}' /* ${'{'.repeat(300)} */`)).toBe(`${'('.repeat(300)}${'['.repeat(300)}`);
  });

  it('refuses a source longer than 100 000 characters', () => {
    expect(syntaxError(`"${'x'.repeat(100_000)}"`).message).toMatch(/longer than 100000 characters/);
  });

  it('refuses a regular expression prone to catastrophic backtracking at compile time, with its position', () => {
    const error = syntaxError("$match(body.text, /(a+)+$/)");
    expect(error.message).toMatch(/\/\(a\+\)\+\$\/ can take exponential time/);
    expect(error.position).toBeGreaterThan(0);
    expect(compileExpression('$match("a-b", /[a-z]+/).match')).toBeDefined();
  });

  it('refuses an unsafe regular expression built by $eval at run time', async () => {
    const error = await runtimeError(`$eval("$match('aaaa', /(a+)+$/)")`);
    expect(error.code).toBe('EXPRESSION_LIMIT');
    expect(error.message).toMatch(/exponential time/);
  });

  it('refuses deeply nested source given to $eval', async () => {
    expect((await runtimeError(`$eval("${'('.repeat(5000)}1${')'.repeat(5000)}")`)).message).toMatch(/deeper than 200 levels/);
  });

  it('refuses $pad to a huge width before building anything', async () => {
    const error = await runtimeError("$pad('', 1e9)");
    expect(error.code).toBe('EXPRESSION_LIMIT');
    expect(error.message).toMatch(/\$pad would be longer than 10485760 characters/);
    expect(await run("$pad('7', -3, '0')")).toBe('007');
  });

  it('refuses a string doubled past the result limit', async () => {
    const error = await runtimeError("($s := 'x'; $f := function($n){ $n = 0 ? $s : ($s := $f($n-1); $s & $s)}; $f(40))");
    expect(error.code).toBe('EXPRESSION_LIMIT');
    expect(error.message).toMatch(/string longer than 10485760 characters/);
  });

  it('refuses $join and $replace results past the limit', async () => {
    const limits = withLimits({ maxResultBytes: 100_000 });
    expect((await runtimeError("$join([1..20000].$string(), '-')", limits)).message).toMatch(/\$join would be longer than 100000/);
    expect((await runtimeError("$replace($pad('', 50000, 'a'), 'a', 'bbb')", limits)).message).toMatch(/\$replace would be longer/);
    expect(await run("$replace('a-b-c', '-', '+')", {}, limits)).toBe('a+b+c');
    expect(await run("$join(['a', 'b'], ', ')", {}, limits)).toBe('a, b');
  });

  it('fails $join over a million strings within the time limit', async () => {
    expect((await runtimeError('$join([1..1000000].$string())')).code).toBe('EXPRESSION_LIMIT');
  });

  it('refuses a result that shares one part many times, and $string of it, without walking it all', async () => {
    const doubling = `($a := [1..1000]; ${Array.from({ length: 40 }, () => '$a := { "l": $a, "r": $a };').join(' ')} $a)`;
    expect((await runtimeError(doubling)).message).toMatch(/result is larger than 10485760 bytes/);
    expect((await runtimeError(`$string(${doubling})`)).message).toMatch(/\$string would be longer/);
  });

  it('refuses lists appended past the sequence limit', async () => {
    const error = await runtimeError('($a := [1..600000]; $append($a, $a))');
    expect(error.code).toBe('EXPRESSION_LIMIT');
  });

  it('bounds $split and $match by the sequence limit without changing results below it', async () => {
    const limits = withLimits({ maxSequence: 1000 });
    expect((await runtimeError("$split($pad('', 5000, ','), ',')", limits)).message).toMatch(/\$split would return more than 1000 items/);
    expect(await run("$split('a,b,c', ',')", {}, limits)).toEqual(['a', 'b', 'c']);
    expect(await run("$split('a,b,c', ',', 2)", {}, limits)).toEqual(['a', 'b']);
    expect(JSON.parse(JSON.stringify(await run("$match('a1b2', /[0-9]/).match", {}, limits)))).toEqual(['1', '2']);
  });

  it('lets other work run while a long evaluation is under way', async () => {
    const order: string[] = [];
    const evaluation = runtimeError('($f := function($n) { $f($n + 1) }; $f(0))', withLimits({ timeoutMs: 300 })).then(() => order.push('evaluation stopped'));
    setTimeout(() => order.push('timer fired'), 0);
    await evaluation;
    expect(order).toEqual(['timer fired', 'evaluation stopped']);
  });
});
