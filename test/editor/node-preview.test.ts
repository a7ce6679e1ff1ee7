import { describe, expect, it } from 'vitest';
import { compactValue, previewLineOf, samePreviewLine, type PreviewEntry } from '../../editor/src/canvas/node-preview.js';

/** A node of a preview that succeeded, with `fields` over it. */
const entry = (fields: Partial<PreviewEntry>): PreviewEntry => ({ status: 'succeeded', ...fields });

describe('compactValue', () => {
  it('writes objects like JavaScript, plain keys unquoted and strings quoted', () => {
    expect(compactValue({ total: 13, currency: 'EUR', 'line items': [1, 2], ok: true, none: null })).toBe(
      '{ total: 13, currency: "EUR", "line items": [1, 2], ok: true, none: null }',
    );
    expect(compactValue([])).toBe('[]');
    expect(compactValue({})).toBe('{}');
    expect(compactValue('hi')).toBe('"hi"');
  });

  it('folds deep nesting and long lists', () => {
    expect(compactValue({ a: { b: { c: 1 } } })).toBe('{ a: { b: {…} } }');
    expect(compactValue(Array.from({ length: 20 }, (_, index) => index))).toBe('[0, 1, 2, 3, 4, 5, 6, 7, …]');
  });
});

describe('previewLineOf', () => {
  it('shows a node’s output on one line cut at 40 characters, with the whole output in its label', () => {
    const line = previewLineOf(entry({ output: { total: 13, currency: 'EUR', customer: 'Ada Lovelace' } }));
    expect(line).toMatchObject({ state: 'ran', status: 'ran' });
    expect(line.detail).toBe('→ { total: 13, currency: "EUR", customer:…');
    expect(line.detail.length).toBe(42);
    expect(line.label).toBe('Preview: ran, output { total: 13, currency: "EUR", customer: "Ada Lovelace" }');
  });

  it('shows the port a branch took instead of its output', () => {
    expect(previewLineOf(entry({ port: 'true', output: { amount: 20 } }))).toMatchObject({
      detail: '→ true',
      label: 'Preview: ran, took port true',
    });
    expect(previewLineOf(entry({ port: 'out', output: 1 })).detail).toBe('→ 1');
  });

  it('shows a failed node’s error on one line', () => {
    const line = previewLineOf(entry({ status: 'failed', error: 'The expression failed:\n  $sum expects an array of numbers' }));
    expect(line).toMatchObject({ state: 'failed', status: 'failed', detail: 'The expression failed: $sum expects an …' });
    expect(line.label).toBe('Preview: failed, error The expression failed: $sum expects an array of numbers');
  });

  it('says a request the preview did not send, and a node it did not reach', () => {
    expect(previewLineOf(entry({ skipped: 'A preview sends no HTTP request.', port: 'error' }))).toMatchObject({
      state: 'skipped',
      status: 'not sent in preview',
      detail: '→ error',
    });
    expect(previewLineOf(undefined)).toEqual({ state: 'not-reached', icon: '○', status: 'not reached', detail: '', label: 'Preview: not reached' });
  });
});

describe('samePreviewLine', () => {
  it('tells lines that read the same from changed ones, so unchanged cards keep their data', () => {
    expect(samePreviewLine(previewLineOf(entry({ output: 1 })), previewLineOf(entry({ output: 1 })))).toBe(true);
    expect(samePreviewLine(previewLineOf(entry({ output: 1 })), previewLineOf(entry({ output: 2 })))).toBe(false);
    expect(samePreviewLine(previewLineOf(undefined), undefined)).toBe(false);
    expect(samePreviewLine(undefined, undefined)).toBe(true);
  });
});
