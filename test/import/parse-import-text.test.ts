import { describe, expect, it } from 'vitest';
import { ImportInvalidJsonError } from '../../server/import/import-errors.js';
import { firstInvalidOffset, lineAndColumn, parseImportText } from '../../server/import/parse-import-text.js';

/** The error parseImportText throws for `text`. */
function failure(text: string, name?: string): ImportInvalidJsonError {
  try {
    parseImportText(text, name);
  } catch (error) {
    if (error instanceof ImportInvalidJsonError) return error;
    throw error;
  }
  throw new Error('parseImportText accepted invalid JSON');
}

describe('parseImportText', () => {
  it('parses JSON, ignoring a UTF-8 byte order mark', () => {
    expect(parseImportText('\uFEFF{ "schemaVersion": 1, "nodes": [] }')).toEqual({ schemaVersion: 1, nodes: [] });
    expect(parseImportText('[1, "two"]')).toEqual([1, 'two']);
  });

  it('names the line and column of a missing comma, with code IMPORT_INVALID_JSON and status 400', () => {
    const error = failure('{\n  "schemaVersion": 1,\n  "name": "x"\n  "nodes": []\n}', 'shop.flow.json');
    expect(error.code).toBe('IMPORT_INVALID_JSON');
    expect(error.status).toBe(400);
    expect([error.line, error.column]).toEqual([4, 3]);
    expect(error.message).toBe(`"shop.flow.json" is not valid JSON: line 4, column 3: Expected ',' or '}' after property value. Nothing was imported.`);
  });

  it('locates mistakes Node reports without a position (an unexpected token, a misspelt literal)', () => {
    const token = failure('{\n  "nodes": [\n    {"id": 1},\n    }\n  ]\n}');
    expect([token.line, token.column]).toEqual([4, 5]);
    expect(token.message).toBe(`The file is not valid JSON: line 4, column 5: Unexpected token '}'. Nothing was imported.`);
    const literal = failure('{\n  "active": tru,\n  "x": 1\n}');
    expect([literal.line, literal.column]).toEqual([2, 16]);
  });

  it('counts lines of CRLF files and columns after a byte order mark from the JSON text', () => {
    const error = failure('\uFEFF{\r\n  "a": 1,\r\n  "b": 2,\r\n}');
    expect([error.line, error.column]).toEqual([4, 1]);
  });

  it('says where a truncated file ends', () => {
    const error = failure('{\n  "nodes": [\n    {"id": "a"}');
    expect([error.line, error.column]).toEqual([3, 16]);
    expect(error.message).toMatch(/^The file is not valid JSON: it ends too soon \(line 3, column 16\): Expected ',' or ']' after array element\./);
    const cut = failure('{"name": "abc');
    expect(cut.message).toMatch(/ends too soon \(line 1, column 14\): Unterminated string/);
  });

  it('refuses an empty or blank file as empty', () => {
    for (const text of ['', '  \n\t', '\uFEFF']) {
      const error = failure(text, 'empty.json');
      expect(error.code).toBe('IMPORT_INVALID_JSON');
      expect(error.message).toBe('"empty.json" is empty: an import file holds JSON (a Hookflow flow file or bundle). Nothing was imported.');
      expect(error.line).toBeUndefined();
    }
  });
});

describe('firstInvalidOffset', () => {
  it('agrees with the positions Node reports', () => {
    const samples = ['1.', '[1.x]', '2e', '[-0.5e+]', '{"a":1,}', '{"a" 1}', '{"a":1', '[1,2', '{a:1}', '[1] x', '{"a":01}', '{"a":"x\ny"}', '["\\q"]', '["\\u12G4"]', '[-]', '{"a":1}}'];
    for (const text of samples) {
      let reported: number | undefined;
      try {
        JSON.parse(text);
      } catch (error) {
        const match = /at position (\d+)/.exec((error as Error).message);
        reported = match ? Number(match[1]) : text.length;
      }
      expect({ text, offset: firstInvalidOffset(text) }).toEqual({ text, offset: reported });
    }
  });

  it('walks deeply nested text without recursion', () => {
    const deep = `${'['.repeat(200_000)}x`;
    expect(firstInvalidOffset(deep)).toBe(200_000);
  });
});

describe('lineAndColumn', () => {
  it('is 1-based', () => {
    expect(lineAndColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});
