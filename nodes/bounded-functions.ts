import jsonata from 'jsonata';
import { checkSource, limitFault, measureBytes } from './expression-guards.js';

/** A JSONata function value as JSONata itself holds it (built-ins and registered functions). */
interface JsonataFunction {
  _jsonata_function: true;
  implementation: (this: unknown, ...args: never[]) => unknown;
  signature?: unknown;
}

export interface FunctionLimits {
  /** Longest string or JSON text a function may build, in characters. */
  maxChars: number;
  /** Longest list a function may build. */
  maxSequence: number;
}

const guarded = ['pad', 'join', 'string', 'replace', 'split', 'match', 'eval'] as const;
type GuardedName = (typeof guarded)[number];

let builtins: Promise<Record<GuardedName, JsonataFunction>> | undefined;

/** JSONata's own functions that one native call can make huge or slow, read once from JSONata itself. */
function loadBuiltins(): Promise<Record<GuardedName, JsonataFunction>> {
  builtins ??= Promise.all(guarded.map(async (name) => [name, (await jsonata(`$${name}`).evaluate({})) as JsonataFunction] as const)).then(Object.fromEntries);
  return builtins;
}

/**
 * Replacements for the built-ins whose single call JSONata's per-step time and size checks
 * cannot see into (`$pad('', 1e9)` builds a gigabyte in one call): each checks what it is about
 * to build against the limits first, then calls the original, so within the limits they behave
 * exactly like JSONata's own.
 *
 * @example
 * for (const [name, fn] of Object.entries(await boundedFunctions(limits))) expression.assign(name, fn);
 */
export async function boundedFunctions(limits: FunctionLimits): Promise<Record<string, JsonataFunction>> {
  const original = await loadBuiltins();
  const { maxChars, maxSequence } = limits;
  const tooLong = (what: string) => limitFault(`${what} would be longer than ${maxChars} characters, the expression result limit.`);
  const checks: Record<GuardedName, (...args: never[]) => unknown[] | void> = {
    pad(_text: string, width: number) {
      if (Math.abs(Math.trunc(width)) > maxChars) throw tooLong('$pad');
    },
    join(strings: string[] | string | undefined, separator: string | undefined) {
      const list = Array.isArray(strings) ? strings : [];
      let length = (separator ?? '').length * Math.max(list.length - 1, 0);
      for (const text of list) length += typeof text === 'string' ? text.length : 0;
      if (length > maxChars) throw tooLong('$join');
    },
    string(value: unknown, prettify?: boolean) {
      if (typeof value === 'object' && value !== null && measureBytes(value, maxChars) * (prettify ? 2 : 1) > maxChars) throw tooLong('$string');
    },
    replace(text: unknown, pattern: unknown, replacement: unknown, limit: number | undefined) {
      if (typeof text !== 'string' || typeof pattern !== 'string' || pattern === '' || typeof replacement !== 'string') return;
      const count = countOccurrences(text, pattern, limit ?? Infinity);
      if (text.length + count * (replacement.length - pattern.length) > maxChars) throw tooLong('$replace');
    },
    split: (text: unknown, separator: unknown, limit: number | undefined) => [text, separator, Math.min(limit ?? Infinity, maxSequence + 1)],
    match: (text: unknown, pattern: unknown, limit: number | undefined) => [text, pattern, Math.min(limit ?? Infinity, maxSequence + 1)],
    eval(source: unknown) {
      const problem = typeof source === 'string' ? checkSource(source) : undefined;
      if (problem) throw limitFault(`$eval: ${problem.message}`);
    },
  };
  return Object.fromEntries(
    guarded.map((name) => {
      const builtin = original[name];
      const check = checks[name] as (...args: unknown[]) => unknown[] | void;
      const implementation = async function (this: unknown, ...args: unknown[]) {
        const checked = check(...args) ?? args;
        const result = await (builtin.implementation as (...args: unknown[]) => unknown).apply(this, checked);
        if (Array.isArray(result) && result.length > maxSequence) throw limitFault(`$${name} would return more than ${maxSequence} items, the sequence limit.`);
        return result;
      };
      return [name, { ...builtin, implementation }];
    }),
  );
}

function countOccurrences(text: string, pattern: string, limit: number): number {
  let count = 0;
  for (let index = text.indexOf(pattern); index !== -1 && count < limit; index = text.indexOf(pattern, index + pattern.length)) count += 1;
  return count;
}
