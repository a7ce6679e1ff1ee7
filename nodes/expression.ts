import jsonata from 'jsonata';
import { z } from 'zod';
import { boundedFunctions } from './bounded-functions.js';
import { checkSource, findUnsafeRegex, guardedRegExp, limitCode, limitFault, measureBytes, unsafeRegexMessage } from './expression-guards.js';

/** Limits that every JSONata evaluation runs under, so one expression cannot stall the server. */
export interface ExpressionLimits {
  /** Wall-clock budget of one evaluation, in milliseconds. */
  timeoutMs: number;
  /** Deepest evaluation stack (guards endless recursion). */
  maxDepth: number;
  /** Longest sequence an evaluation may build. */
  maxSequence: number;
  /** Largest result, string or list an evaluation may build, in bytes (JSON size, roughly). */
  maxResultBytes: number;
}

export const defaultExpressionLimits: ExpressionLimits = { timeoutMs: 1000, maxDepth: 500, maxSequence: 1_000_000, maxResultBytes: 10 * 1024 * 1024 };

/** What an expression sees besides its input `$`: `$trigger` (the request), `$nodes.<id>` and `$execution`. */
export interface ExpressionScope {
  trigger: unknown;
  nodes: Record<string, unknown>;
  /** `{ id, flowId, resumeUrl }` of the running execution; absent in previews. */
  execution?: unknown;
}

export interface CompiledExpression {
  readonly source: string;
  evaluate(input: unknown, scope: ExpressionScope): Promise<unknown>;
}

/** A JSONata expression that does not parse; `position` is the character offset of the fault. */
export class ExpressionSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number | undefined,
    readonly token: string | undefined,
  ) {
    super(message);
    this.name = 'ExpressionSyntaxError';
  }
}

/**
 * A JSONata expression that failed while it ran. `code` is JSONata's (e.g. T2001), or
 * EXPRESSION_LIMIT when it reached a limit: time, depth, sequence, result size.
 */
export class ExpressionRuntimeError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly position: number | undefined,
  ) {
    super(message);
    this.name = 'ExpressionRuntimeError';
  }
}

interface JsonataFault {
  code?: string;
  message?: string;
  position?: number;
  token?: string;
}

const cache = new Map<string, CompiledExpression>();
const cacheLimit = 10_000;

/**
 * Compiles a JSONata expression once and returns it for reuse; the same source with the same
 * limits is compiled only once per process. A source nested too deeply, too long, or holding a
 * regular expression prone to catastrophic backtracking is refused here, as a syntax error.
 *
 * @example
 * const total = compileExpression('$sum(body.items.price)');
 * await total.evaluate(request, { trigger: request, nodes: {} }); // 42
 */
export function compileExpression(source: string, limits: ExpressionLimits = defaultExpressionLimits): CompiledExpression {
  const key = `${limits.timeoutMs}:${limits.maxDepth}:${limits.maxSequence}:${limits.maxResultBytes}:${source}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const compiled = parse(source, limits);
  let ready: Promise<void> | undefined;
  const expression: CompiledExpression = {
    source,
    async evaluate(input, scope) {
      try {
        ready ??= bindGuards(compiled, limits);
        await ready;
        const result: unknown = await compiled.evaluate(input, { trigger: scope.trigger, nodes: scope.nodes, execution: scope.execution });
        checkResult(result, input, limits);
        return result;
      } catch (error) {
        throw toRuntimeError(error, limits);
      }
    },
  };
  if (cache.size >= cacheLimit) cache.delete(cache.keys().next().value as string);
  cache.set(key, expression);
  return expression;
}

function parse(source: string, limits: ExpressionLimits): jsonata.Expression {
  const problem = checkSource(source);
  if (problem) throw new ExpressionSyntaxError(problem.message, problem.position, undefined);
  let compiled: jsonata.Expression;
  try {
    const options = { timeout: limits.timeoutMs, stack: limits.maxDepth, sequence: limits.maxSequence, RegexEngine: guardedRegExp(limits.timeoutMs) };
    compiled = jsonata(source, options as never);
  } catch (error) {
    if (error instanceof RangeError) throw new ExpressionSyntaxError('The expression is nested too deeply to parse; flatten it (e.g. with variables).', undefined, undefined);
    const fault = error as JsonataFault;
    throw new ExpressionSyntaxError(fault.message ?? String(error), fault.position, fault.token);
  }
  const unsafe = findUnsafeRegex(compiled.ast());
  if (unsafe) throw new ExpressionSyntaxError(unsafeRegexMessage(unsafe.source), unsafe.position, undefined);
  return compiled;
}

/** Longest stretch, in ms, an evaluation runs before it lets the event loop answer other requests. */
const sliceMs = 10;
let sliceStart = performance.now();

/**
 * JSONata awaits its step hooks. The exit hook refuses a step that built a string or list past
 * the limits, before the next step can double it, and yields to the event loop every few ms
 * (JSONata's awaits are microtasks only, which would hold every other request for the whole
 * evaluation). There is no entry hook: each hook costs an await per step on the hot path.
 */
async function bindGuards(compiled: jsonata.Expression, limits: ExpressionLimits): Promise<void> {
  const assign = compiled.assign as (name: string | symbol, value: unknown) => void;
  assign(Symbol.for('jsonata.__evaluate_exit'), (_node: unknown, _input: unknown, _environment: unknown, result: unknown) => {
    if (typeof result === 'string' && result.length > limits.maxResultBytes) throw limitFault(`The expression built a string longer than ${limits.maxResultBytes} characters.`);
    if (Array.isArray(result) && result.length > limits.maxSequence) throw limitFault(`The expression built a list longer than ${limits.maxSequence} items.`);
    if (performance.now() - sliceStart < sliceMs) return undefined;
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        sliceStart = performance.now();
        resolve();
      }),
    );
  });
  const functions = await boundedFunctions({ maxChars: limits.maxResultBytes, maxSequence: limits.maxSequence });
  for (const [name, definition] of Object.entries(functions)) assign(name, definition);
}

/** Refuses a result larger than the limit; the input passed through unchanged was already admitted. */
function checkResult(result: unknown, input: unknown, limits: ExpressionLimits): void {
  if (result === input || typeof result !== 'object' || result === null) return;
  if (measureBytes(result, limits.maxResultBytes) > limits.maxResultBytes) {
    throw limitFault(`The expression's result is larger than ${limits.maxResultBytes} bytes.`);
  }
}

/** JSONata's own limit codes, and what they mean for the person who wrote the expression. */
const limitMessages: Record<string, (limits: ExpressionLimits) => string> = {
  D1011: (limits) => `The expression recursed deeper than ${limits.maxDepth} levels (a function that never stops calling itself?).`,
  D1012: (limits) => `The expression ran longer than its ${limits.timeoutMs} ms limit (HOOKFLOW_EXPRESSION_TIMEOUT_MS); an endless loop?`,
  D2014: () => 'The expression asked for a range of more than 10 000 000 numbers.',
  D2015: (limits) => `The expression built a sequence longer than ${limits.maxSequence} items.`,
};

function toRuntimeError(error: unknown, limits: ExpressionLimits): ExpressionRuntimeError {
  const fault = (error as JsonataFault & { error?: JsonataFault }).code === 'D3121' ? ((error as { error: JsonataFault }).error ?? error) : (error as JsonataFault);
  const position = fault.position;
  const known = fault.code === undefined ? undefined : limitMessages[fault.code];
  if (known) return new ExpressionRuntimeError(describeFault({ message: known(limits), position }, error), limitCode, position);
  if (error instanceof RangeError) {
    const message = /call stack/i.test(error.message)
      ? `The expression recursed too deeply (${error.message}).`
      : `The expression built a value too large to hold (${error.message}).`;
    return new ExpressionRuntimeError(message, limitCode, undefined);
  }
  return new ExpressionRuntimeError(describeFault(fault, error), fault.code, position);
}

function describeFault(fault: JsonataFault, error: unknown): string {
  const message = fault.message ?? String(error);
  return fault.position === undefined ? message : `${message} (at character ${fault.position})`;
}

/**
 * A config field that holds a JSONata expression; the editor draws it as a code field.
 * @example z.object({ expression: expressionField('Mapping', '{ "id": body.id }') })
 */
export function expressionField(title: string, description: string) {
  return z.string().min(1, 'Enter an expression.').max(100_000).meta({ title, description, widget: 'jsonata' });
}
