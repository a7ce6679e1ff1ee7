import { describe, expect, it } from 'vitest';
import { clipText, entriesOf, kindOf, limitEntries, summarize } from '../../editor/src/panels/json-view.js';

describe('the data view helpers', () => {
  it('tells the kinds of JSON values apart', () => {
    expect([{}, [], 'a', 1, true, null, undefined].map(kindOf)).toEqual(['object', 'array', 'string', 'number', 'boolean', 'null', 'undefined']);
  });

  it('lists the entries of objects and arrays, and none of other values', () => {
    expect(entriesOf({ a: 1, b: [2] })).toEqual([['a', 1], ['b', [2]]]);
    expect(entriesOf(['x', 'y'])).toEqual([['0', 'x'], ['1', 'y']]);
    expect(entriesOf('text')).toEqual([]);
  });

  it('shows the first entries of a long list and counts the rest', () => {
    const items = Array.from({ length: 120 }, (_, index) => index);
    expect(limitEntries(items, 50)).toEqual({ visible: items.slice(0, 50), hidden: 70 });
    expect(limitEntries([1, 2], 50)).toEqual({ visible: [1, 2], hidden: 0 });
  });

  it('cuts long strings and leaves short ones whole', () => {
    expect(clipText('abcdef', 3)).toEqual({ text: 'abc', clipped: true });
    expect(clipText('abc', 3)).toEqual({ text: 'abc', clipped: false });
  });

  it('summarizes folded values in a line', () => {
    expect(summarize({ a: 1, b: 2 })).toBe('{…} 2 keys');
    expect(summarize([1])).toBe('[…] 1 item');
    expect(summarize('hi')).toBe('"hi"');
    expect(summarize(null)).toBe('null');
    expect(summarize(undefined)).toBe('nothing');
  });
});
