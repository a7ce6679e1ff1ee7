import { ImportInvalidJsonError } from './import-errors.js';

/**
 * Parses the text of an import file. Text that is empty or not JSON throws
 * ImportInvalidJsonError (400, `IMPORT_INVALID_JSON`) naming the line and column of the first
 * mistake, so a person can open the file there. A UTF-8 byte order mark is ignored.
 *
 * @example
 * parseImportText('{\n  "nodes": [,]\n}', 'flows.json');
 * // throws: "flows.json" is not valid JSON: line 2, column 13: Unexpected token ','. Nothing was imported.
 */
export function parseImportText(text: string, name?: string): unknown {
  const json = text.replace(/^\uFEFF/, '');
  const subject = name === undefined ? 'The file' : `"${name}"`;
  if (json.trim() === '') throw new ImportInvalidJsonError(`${subject} is empty: an import file holds JSON (a Hookflow flow file or bundle). Nothing was imported.`);
  try {
    return JSON.parse(json);
  } catch (error) {
    const offset = errorOffset(json, (error as Error).message);
    const { line, column } = lineAndColumn(json, offset);
    const where = offset >= json.length ? `it ends too soon (line ${line}, column ${column})` : `line ${line}, column ${column}`;
    throw new ImportInvalidJsonError(`${subject} is not valid JSON: ${where}: ${reasonOf((error as Error).message)}. Nothing was imported.`, line, column);
  }
}

/** The 1-based line and column of a character offset; a CRLF line break counts as one. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

/** V8's reason without the position or the quoted source it appends. */
function reasonOf(message: string): string {
  return message
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/, (\.\.\.)?".*" is not valid JSON$/s, '')
    .replace(/^Unexpected end of JSON input$/, 'the JSON ends before every value, string, object or array is closed');
}

/** The line and column where JSON.parse failed on `text`, given its error message. */
export function jsonErrorPosition(text: string, message: string): { line: number; column: number } {
  return lineAndColumn(text, errorOffset(text, message));
}

/** Where JSON.parse failed: Node 20 says "at position N" for most mistakes; for the rest, the first offset that cannot be valid JSON. */
function errorOffset(text: string, message: string): number {
  const position = /at position (\d+)/.exec(message)?.[1];
  if (position !== undefined) return Math.min(Number(position), text.length);
  return firstInvalidOffset(text);
}

const escapes = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

type Expect = 'value' | 'valueOrClose' | 'key' | 'keyOrClose' | 'colon' | 'after';

/**
 * The offset of the first character that makes `text` invalid JSON, or its length when the
 * text ends too soon. Iterative, with an explicit stack: deeply nested text cannot exhaust it.
 */
export function firstInvalidOffset(text: string): number {
  const stack: string[] = [];
  let expect: Expect = 'value';
  let i = 0;
  for (;;) {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i += 1;
    if (i >= text.length) return text.length;
    const char = text[i]!;
    if (expect === 'after') {
      const open = stack.at(-1);
      if (open === undefined) return i;
      if (char === ',') expect = open === '{' ? 'key' : 'value';
      else if (char === (open === '{' ? '}' : ']')) stack.pop();
      else return i;
      i += 1;
      continue;
    }
    if (expect === 'colon') {
      if (char !== ':') return i;
      expect = 'value';
      i += 1;
      continue;
    }
    if ((expect === 'keyOrClose' && char === '}') || (expect === 'valueOrClose' && char === ']')) {
      stack.pop();
      expect = 'after';
      i += 1;
      continue;
    }
    if (expect === 'key' || expect === 'keyOrClose') {
      if (char !== '"') return i;
      i = stringEnd(text, i);
      if (i < 0) return -i - 1;
      expect = 'colon';
      continue;
    }
    if (char === '{' || char === '[') {
      stack.push(char);
      expect = char === '{' ? 'keyOrClose' : 'valueOrClose';
      i += 1;
      continue;
    }
    const end = valueEnd(text, i);
    if (end < 0) return -end - 1;
    i = end;
    expect = 'after';
  }
}

/** The offset after a string, number or literal starting at `start`; `-(offset + 1)` of a mistake. */
function valueEnd(text: string, start: number): number {
  const char = text[start]!;
  if (char === '"') return stringEnd(text, start);
  for (const literal of ['true', 'false', 'null']) {
    if (char !== literal[0]) continue;
    for (let k = 1; k < literal.length; k += 1) if (text[start + k] !== literal[k]) return -(Math.min(start + k, text.length) + 1);
    return start + literal.length;
  }
  return numberEnd(text, start);
}

/** JSON's number grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`. */
function numberEnd(text: string, start: number): number {
  const digit = (at: number) => text[at] !== undefined && text[at]! >= '0' && text[at]! <= '9';
  const mistake = (at: number) => -(Math.min(at, text.length) + 1);
  let i = start;
  if (text[i] === '-') i += 1;
  if (!digit(i)) return mistake(i);
  if (text[i] === '0') i += 1;
  else while (digit(i)) i += 1;
  if (text[i] === '.') {
    i += 1;
    if (!digit(i)) return mistake(i);
    while (digit(i)) i += 1;
  }
  if (text[i] === 'e' || text[i] === 'E') {
    i += 1;
    if (text[i] === '+' || text[i] === '-') i += 1;
    if (!digit(i)) return mistake(i);
    while (digit(i)) i += 1;
  }
  return i;
}

function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i += 1) {
    const char = text[i]!;
    if (char === '"') return i + 1;
    if (char < ' ') return -(i + 1);
    if (char !== '\\') continue;
    i += 1;
    if (text[i] === 'u') {
      for (let k = 1; k <= 4; k += 1) if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) return -(Math.min(i + k, text.length) + 1);
      i += 4;
    } else if (i < text.length && !escapes.has(text[i]!)) return -(i + 1);
  }
  return -(text.length + 1);
}
