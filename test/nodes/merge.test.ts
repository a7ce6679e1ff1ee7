import { describe, expect, it } from 'vitest';
import { runTestFlow } from '../helpers/run-test-flow.js';

const transform = (expression: string) => ({ type: 'transform', config: { expression } });

/** trigger → two transforms in parallel → merge. */
const fanOut = (mode: string | undefined, left = '{ "a": body.a, "shared": "left" }', right = '{ "b": body.b, "shared": "right" }') => ({
  nodes: {
    in: 'webhook',
    left: transform(left),
    right: transform(right),
    join: { type: 'merge', config: mode ? { mode } : {} },
  },
  edges: ['in -> right', 'in -> left', 'left -> join', 'right -> join'],
});

describe('merge', () => {
  it('combines the branches as { <source id>: item } by default', async () => {
    const { output, error } = await runTestFlow(fanOut(undefined), { body: { a: 1, b: 2 } });
    expect(error).toBeUndefined();
    expect(output).toEqual({ left: { a: 1, shared: 'left' }, right: { b: 2, shared: 'right' } });
  });

  it('lists the items ordered by source id in array mode', async () => {
    const { output } = await runTestFlow(fanOut('array'), { body: { a: 1, b: 2 } });
    expect(output).toEqual([{ a: 1, shared: 'left' }, { b: 2, shared: 'right' }]);
  });

  it('merges object items shallowly in mergeObjects mode, later source ids winning', async () => {
    const { output } = await runTestFlow(fanOut('mergeObjects'), { body: { a: 1, b: 2 } });
    expect(output).toEqual({ a: 1, b: 2, shared: 'right' });
  });

  it('fails clearly when mergeObjects receives something other than an object', async () => {
    const { error, outcome } = await runTestFlow(fanOut('mergeObjects', '[1, 2]'), { body: { b: 2 } });
    expect(outcome.status).toBe('failed');
    expect(error).toContain('mergeObjects needs an object from every branch, but node "left" sent an array');
  });

  it('does not let a "__proto__" key change the merged object\'s prototype', async () => {
    const body = JSON.parse('{ "__proto__": { "polluted": true } }') as unknown;
    const { output } = await runTestFlow(fanOut('mergeObjects', 'body', '{ "b": 1 }'), { body });
    expect(Object.getPrototypeOf(output)).toBe(Object.prototype);
    expect((output as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('runs with the one item that arrives when it is reached by one branch of an if', async () => {
    const flow = {
      nodes: {
        in: 'webhook',
        check: { type: 'if', config: { condition: 'body.paid' } },
        paid: transform('"paid"'),
        unpaid: transform('"unpaid"'),
        join: { type: 'merge', config: { mode: 'array' } },
      },
      edges: ['in -> check', 'check:true -> paid', 'check:false -> unpaid', 'paid -> join', 'unpaid -> join'],
    };
    const paid = await runTestFlow(flow, { body: { paid: true } });
    expect(paid.output).toEqual(['paid']);
    expect(paid.visited).toEqual(['in', 'check', 'paid', 'join']);
    expect((await runTestFlow(flow, { body: { paid: false } })).output).toEqual(['unpaid']);
  });
});
