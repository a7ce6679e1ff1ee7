import safeRegex from 'safe-regex2';

/** The code of every fault raised because an expression reached one of its limits. */
export const limitCode = 'EXPRESSION_LIMIT';

/** Deepest bracket nesting a source may have; JSONata's recursive parser would overflow the stack long before 10 000. */
export const maxNesting = 200;

/** Longest source compiled (expression fields allow 100 000 characters, `$eval` strings the same). */
export const maxSourceLength = 100_000;

/** A fault thrown inside an evaluation; JSONata keeps its code and message and adds the position. */
export function limitFault(message: string): Error & { code: string } {
  return Object.assign(new Error(message), { code: limitCode });
}

/**
 * Why a source is refused before JSONata parses it (too long, nested too deeply), or undefined.
 * Brackets inside string literals, quoted names and comments do not count.
 *
 * @example checkSource('('.repeat(10_000) + '1' + ')'.repeat(10_000)) // "The expression nests brackets deeper than 200 levels …"
 */
export function checkSource(source: string): { message: string; position: number } | undefined {
  if (source.length > maxSourceLength) return { message: `The expression is longer than ${maxSourceLength} characters.`, position: maxSourceLength };
  let depth = 0;
  for (let index = 0; index < source.length; index++) {
    const char = source[index]!;
    if (char === '"' || char === "'" || char === '`') index = closingQuote(source, index, char);
    else if (char === '/' && source[index + 1] === '*') index = commentEnd(source, index);
    else if (char === '(' || char === '[' || char === '{') depth += 1;
    else if (char === ')' || char === ']' || char === '}') depth -= 1;
    if (depth > maxNesting) {
      return { message: `The expression nests brackets deeper than ${maxNesting} levels; flatten it (e.g. with variables).`, position: index };
    }
  }
  return undefined;
}

function commentEnd(source: string, start: number): number {
  const end = source.indexOf('*/', start + 2);
  return end === -1 ? source.length : end + 1;
}

function closingQuote(source: string, start: number, quote: string): number {
  for (let index = start + 1; index < source.length; index++) {
    if (source[index] === '\\') index += 1;
    else if (source[index] === quote) return index;
  }
  return source.length;
}

interface AstNode {
  type?: string;
  value?: unknown;
  position?: number;
}

/**
 * The first regular expression literal of a parsed expression that safe-regex2 finds prone to
 * catastrophic backtracking. JSONata builds regular expressions only from literals (its
 * functions take a regex, never a pattern string), so checking the literals covers them all;
 * `$eval` strings are covered by `GuardedRegExp`.
 */
export function findUnsafeRegex(ast: unknown): { source: string; position: number | undefined } | undefined {
  const seen = new Set<object>();
  const pending: unknown[] = [ast];
  while (pending.length > 0) {
    const node = pending.pop();
    if (typeof node !== 'object' || node === null || node instanceof RegExp || seen.has(node)) continue;
    seen.add(node);
    const { type, value, position } = node as AstNode;
    if (type === 'regex' && value instanceof RegExp && !isSafeRegex(value)) return { source: written(value), position };
    for (const child of Object.values(node)) pending.push(child);
  }
  return undefined;
}

/** A regex as its author wrote it (JSONata adds the `g` flag itself). */
const written = (regex: RegExp) => `/${regex.source}/${regex.flags.replace('g', '')}`;

const verdicts = new Map<string, boolean>();

function isSafeRegex(regex: RegExp): boolean {
  let safe = verdicts.get(regex.source);
  if (safe === undefined) {
    safe = safeRegex(regex);
    if (verdicts.size >= 10_000) verdicts.clear();
    verdicts.set(regex.source, safe);
  }
  return safe;
}

export const unsafeRegexMessage = (source: string) =>
  `The regular expression ${source} can take exponential time on some inputs (nested or overlapping repetition); rewrite it without repeating a repeated group.`;

/**
 * The RegExp class JSONata builds every regex with during an evaluation: it refuses an unsafe
 * pattern (one from `$eval`) and stops matching once the evaluation's time is up, since a match
 * loop inside `$replace`, `$match` or `$split` never returns to JSONata's own time check.
 */
export function guardedRegExp(timeoutMs: number): RegExpConstructor {
  return class GuardedRegExp extends RegExp {
    private readonly deadline = Date.now() + timeoutMs;

    constructor(pattern: RegExp | string, flags?: string) {
      super(pattern, flags);
      if (!isSafeRegex(this)) throw limitFault(unsafeRegexMessage(written(this)));
    }

    override exec(text: string): RegExpExecArray | null {
      if (Date.now() > this.deadline) throw limitFault(`The expression ran longer than its ${timeoutMs} ms limit while matching a regular expression.`);
      return super.exec(text);
    }
  } as unknown as RegExpConstructor;
}

/**
 * A rough JSON size of `value` in bytes, counted up to `cap` only: the walk stops there, so a
 * value that shares one huge part many times is measured in time bounded by the cap.
 */
export function measureBytes(value: unknown, cap: number): number {
  let total = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0 && total <= cap) {
    const item = pending.pop();
    if (typeof item === 'string') total += item.length + 2;
    else if (Array.isArray(item)) {
      total += item.length + 2;
      if (total <= cap) for (const entry of item) pending.push(entry);
    } else if (typeof item === 'object' && item !== null) {
      const entries = Object.entries(item);
      total += 2;
      for (const [key, entry] of entries) {
        total += key.length + 4;
        pending.push(entry);
        if (total > cap) break;
      }
    } else total += 8;
  }
  return total;
}
