import { describe, expect, it } from 'vitest';
import { describeParseError, draftOf, readDraft } from '../../editor/src/panels/sample-draft.js';

const draft = (fields: Partial<Parameters<typeof readDraft>[0]>) => ({ method: 'POST', body: '', query: '', headers: '', ...fields });

describe('the sample draft', () => {
  it('reads a body, query and headers into a sample, header names in lower case', () => {
    expect(readDraft(draft({ body: '{"a": 1}', query: '{"page": "2", "tag": ["x", "y"]}', headers: '{"X-Shop": "eu"}' }))).toEqual({
      sample: { method: 'POST', body: { a: 1 }, query: { page: '2', tag: ['x', 'y'] }, headers: { 'x-shop': 'eu' } },
      errors: {},
    });
  });

  it('reads empty fields as no body (undefined), no query and no headers', () => {
    expect(readDraft(draft({ method: 'GET' })).sample).toEqual({ method: 'GET', body: undefined, query: {}, headers: {} });
  });

  it('names the field and the place of a JSON mistake', () => {
    const { sample, errors } = readDraft(draft({ body: '{\n  "a": 1,\n}' }));
    expect(sample).toBeUndefined();
    expect(errors.body).toMatch(/^The body is not valid JSON: .+line 3/);
  });

  it('refuses query and header values that are not strings', () => {
    expect(readDraft(draft({ query: '[1]' })).errors.query).toBe('The query must be a JSON object of names and values, like {"name": "value"}.');
    expect(readDraft(draft({ headers: '{"x-count": 3}' })).errors.headers).toBe('The headers: the value of "x-count" must be a string.');
  });

  it('turns a stored sample back into text fields', () => {
    const fields = draftOf({ method: 'PUT', headers: {}, query: { a: '1' }, body: { ok: true } });
    expect(fields).toEqual({ method: 'PUT', body: '{\n  "ok": true\n}', query: '{\n  "a": "1"\n}', headers: '' });
    expect(readDraft(fields).sample).toEqual({ method: 'PUT', body: { ok: true }, query: { a: '1' }, headers: {} });
  });

  it('adds the line and column when the parser gives only a position', () => {
    expect(describeParseError('{\n  x', new SyntaxError('Unexpected token x in JSON at position 4'))).toBe('Unexpected token x in JSON at position 4 (line 2, column 3)');
  });
});
