import { Untranslatable } from './expression-lexer.js';
import type { Expr } from './expression-parser.js';

/** What the printer needs from the workflow: Hookflow node id by n8n node name. */
export interface PrintContext {
  nodeIds: ReadonlyMap<string, string>;
  /** Differences from n8n that only show in corner cases, collected for the import report. */
  approximations: Set<string>;
  /** Counter for the block variables that keep an operand from being evaluated twice. */
  variables: number;
}

type Type = 'string' | 'number' | 'boolean' | 'array' | 'object' | undefined;

/** Printed JSONata; `prec` is the binding strength of its outermost operator, 100 for atoms. */
interface Printed {
  text: string;
  prec: number;
  path?: boolean;
}

const atom = (text: string, path = false): Printed => ({ text, prec: 100, path });

const reserved = new Set(['and', 'or', 'in', 'true', 'false', 'null', 'function']);

const refusedNames = new Map<string, string>(Object.entries({
  $now: 'It uses $now, a Luxon date in n8n\'s workflow time zone; only $now.toMillis() and $now.toUTC().toISO() are translated (to $millis() and $now()).',
  $today: 'It uses $today, midnight in n8n\'s workflow time zone, which Hookflow does not know; write the date with JSONata\'s $now() instead.',
  $items: 'It uses $items(), which reads a whole list of n8n items; Hookflow passes one item from node to node.',
  $input: 'It uses $input in a form other than $input.item.json or $input.first().json.',
  $: 'It uses $(\'Node Name\') in a form other than $(\'Node Name\').item.json or .first().json (such as .all() or .last()); Hookflow passes one item from node to node.',
  $node: 'It uses $node in a form other than $node["Node Name"].json.',
  $env: 'It reads environment variables ($env), which Hookflow does not expose to expressions.',
  $vars: 'It reads n8n variables ($vars), which do not exist in Hookflow; put the value in the flow.',
  $secrets: 'It reads n8n external secrets ($secrets); store the value as a Hookflow credential instead.',
  $binary: 'It reads binary data ($binary), which Hookflow does not carry between nodes.',
  $execution: 'It reads n8n execution data ($execution), which differs from Hookflow\'s.',
  $workflow: 'It reads n8n workflow data ($workflow), which Hookflow does not have.',
  $prevNode: 'It uses $prevNode; name the node instead, e.g. $(\'Node Name\').item.json.',
  $runIndex: 'It uses $runIndex; Hookflow runs each node once per execution.',
  $itemIndex: 'It uses $itemIndex; Hookflow passes one item from node to node.',
  $jmespath: 'It uses $jmespath(); rewrite the query in JSONata.',
  $evaluateExpression: 'It evaluates an expression built at run time, which is never translated.',
  eval: 'It calls eval(), which runs arbitrary code: Hookflow executes no user code.',
  require: 'It calls require(), which loads code: Hookflow executes no user code.',
  Function: 'It builds a function from text, which runs arbitrary code: Hookflow executes no user code.',
  process: 'It reads the n8n server process, which Hookflow does not expose.',
  globalThis: 'It reads JavaScript globals, which Hookflow does not expose.',
  undefined: 'It uses undefined, which has no JSONata literal; test with $exists() instead.',
}));

const list = (args: Printed[]) => args.map((arg) => arg.text).join(', ');

const mathFunctions = new Map<string, (args: Printed[]) => string>(Object.entries({
  floor: ([x]: Printed[]) => `$floor(${x!.text})`,
  ceil: ([x]: Printed[]) => `$ceil(${x!.text})`,
  abs: ([x]: Printed[]) => `$abs(${x!.text})`,
  round: ([x]: Printed[]) => `$floor(${wrap(x!, 51)} + 0.5)`,
  max: (args: Printed[]) => `$max([${list(args)}])`,
  min: (args: Printed[]) => `$min([${list(args)}])`,
}));

/**
 * Prints one parsed n8n expression as JSONata that gives the same result on the same item.
 * `boolean` says the value is only tested for truth, so `&&` and `||` may become `and`/`or`.
 */
export function printExpr(expr: Expr, context: PrintContext, boolean = false): Printed {
  switch (expr.kind) {
    case 'num':
      if (!Number.isFinite(expr.value)) throw new Untranslatable('It holds a number too large for JSON.');
      return atom(String(expr.value));
    case 'str':
      return atom(JSON.stringify(expr.value));
    case 'bool':
      return atom(String(expr.value));
    case 'null':
      return atom('null');
    case 'template':
      return printTemplate(expr, context);
    case 'name':
      return printName(expr.name);
    case 'member':
    case 'index':
      return printAccess(expr, context);
    case 'call':
      return printCall(expr, context);
    case 'unary':
      return printUnary(expr, context);
    case 'binary':
      return printBinary(expr, context, boolean);
    case 'cond': {
      const test = printExpr(expr.test, context, true);
      const then = printExpr(expr.then, context);
      const otherwise = printExpr(expr.else, context);
      return { text: `${wrap(test, 21)} ? ${wrap(then, 20)} : ${wrap(otherwise, 20)}`, prec: 20 };
    }
    case 'array':
      if (expr.items.some((item) => typeOf(item) === 'array' || typeOf(item) === undefined)) {
        context.approximations.add('A list inside a list literal is flattened by JSONata ([$json.tags] gives the tags, not a list holding them).');
      }
      return atom(`[${expr.items.map((item) => printExpr(item, context).text).join(', ')}]`);
    case 'object':
      return atom(`{${expr.entries.map(({ key, value }) => `${typeof key === 'string' ? JSON.stringify(key) : wrap(printExpr(key, context), 100)}: ${printExpr(value, context).text}`).join(', ')}}`);
  }
}

/** The JSONata static type of an expression where the syntax alone tells it. */
export function typeOf(expr: Expr): Type {
  switch (expr.kind) {
    case 'num':
      return 'number';
    case 'str':
    case 'template':
      return 'string';
    case 'bool':
      return 'boolean';
    case 'array':
      return 'array';
    case 'object':
      return 'object';
    case 'unary':
      return expr.op === '!' ? 'boolean' : 'number';
    case 'cond': {
      const type = typeOf(expr.then);
      return type === typeOf(expr.else) ? type : undefined;
    }
    case 'name':
      return expr.name === '$json' ? 'object' : undefined;
    case 'member':
      if (expr.name === 'json' && itemHandle(expr.object)) return 'object';
      return expr.name === 'length' ? 'number' : undefined;
    case 'call':
      return callType(expr);
    case 'binary':
      return binaryType(expr.op, typeOf(expr.left), typeOf(expr.right));
    default:
      return undefined;
  }
}

function binaryType(op: string, left: Type, right: Type): Type {
  if (op === '+') return left === 'string' || right === 'string' ? 'string' : left === 'number' && right === 'number' ? 'number' : undefined;
  if (['-', '*', '/', '%'].includes(op)) return 'number';
  if (['===', '!==', '==', '!=', '<', '>', '<=', '>='].includes(op)) return 'boolean';
  return left === right ? left : undefined;
}

function callType(expr: Expr & { kind: 'call' }): Type {
  if (expr.callee.kind !== 'member') return undefined;
  const { object, name } = expr.callee;
  if (object.kind === 'name' && object.name === 'Math') return 'number';
  if (object.kind === 'name' && object.name === 'JSON') return 'string';
  if (['toUpperCase', 'toLowerCase', 'trim', 'join'].includes(name)) return 'string';
  if (name === 'includes') return 'boolean';
  if (name === 'split') return 'array';
  return undefined;
}

/** Wraps in parentheses when the printed operator binds less tightly than `prec`. */
function wrap(printed: Printed, prec: number): string {
  return printed.prec < prec ? `(${printed.text})` : printed.text;
}

/**
 * Reads field `name` of `object`: `object.name`, in backticks when it is not a plain identifier,
 * or `$lookup(object, "name")` for a name holding a backtick or backslash (a backtick name cannot
 * hold the one, and a template's `{{ }}` reader would take the other for an escape).
 */
function field(object: Printed, name: string): Printed {
  const base = object.path ? object.text : `(${object.text})`;
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !reserved.has(name)) return atom(object.text === '$' ? name : `${base}.${name}`, true);
  if (/[`\\]/.test(name)) return atom(`$lookup(${object.text}, ${JSON.stringify(name)})`);
  return atom(object.text === '$' ? `\`${name}\`` : `${base}.\`${name}\``, true);
}

/** A block that evaluates `value` once into a fresh variable and builds the result from it. */
function withVariable(value: Printed, context: PrintContext, body: (variable: string) => string): Printed {
  const variable = `$v${++context.variables}`;
  return atom(`(${variable} := ${value.text}; ${body(variable)})`);
}

function printName(name: string): Printed {
  if (name === '$json') return atom('$', true);
  throw new Untranslatable(refusedNames.get(name) ?? `It uses "${name}", which Hookflow does not know how to translate.`);
}

/**
 * The JSONata of the n8n item an access chain starts from: `$json` and `$input.item.json` are the
 * node's input `$`; `$('Name').item.json` and `$node["Name"].json` are that node's output.
 */
function dataRoot(expr: Expr, context: PrintContext): string | undefined {
  if (expr.kind === 'name') return expr.name === '$json' ? '$' : undefined;
  if (expr.kind !== 'member' || expr.name !== 'json') return undefined;
  const handle = itemHandle(expr.object);
  if (!handle) return undefined;
  if (handle === '$input') return '$';
  const id = context.nodeIds.get(handle);
  if (id === undefined) throw new Untranslatable(`It refers to the node "${handle}", which is not in this workflow.`);
  return field(atom('$nodes', true), id).text;
}

/** `$input`, or the node name, of `$input.item`, `$('Name').item`, `$('Name').first()`, `$node["Name"]`. */
function itemHandle(expr: Expr): string | undefined {
  if (expr.kind === 'member' && expr.object.kind === 'name' && expr.object.name === '$node') return expr.name;
  const inner = expr.kind === 'member' && expr.name === 'item' ? expr.object : expr.kind === 'call' && expr.args.length === 0 && expr.callee.kind === 'member' && expr.callee.name === 'first' ? expr.callee.object : undefined;
  if (!inner) return undefined;
  if (inner.kind === 'name' && inner.name === '$input') return '$input';
  if (inner.kind === 'call' && inner.callee.kind === 'name' && inner.callee.name === '$') {
    const [name] = inner.args;
    if (inner.args.length !== 1 || name?.kind !== 'str') throw new Untranslatable('It calls $() with something other than one node name in quotes.');
    return name.value;
  }
  return undefined;
}

function printAccess(expr: Expr & { kind: 'member' | 'index' }, context: PrintContext): Printed {
  const root = dataRoot(expr, context);
  if (root) return atom(root, true);
  const object = printExpr(expr.object, context);
  const base = object.path ? object.text : `(${object.text})`;
  if (expr.kind === 'index') {
    const { index } = expr;
    if (index.kind !== 'num' || !Number.isInteger(index.value) || index.value < 0) {
      throw new Untranslatable('It reads an element with a computed index or key ([…] holding an expression); JSONata tells list positions and names apart differently, so write it as a fixed number or name.');
    }
    context.approximations.add('JSONata reads [n] of a value that is not a list as the value itself (n8n gives undefined).');
    return atom(`${base}[${index.value}]`, true);
  }
  if (expr.name === 'length') return printLength(expr.object, object, context);
  return field(object, expr.name);
}

function printLength(expr: Expr, object: Printed, context: PrintContext): Printed {
  const type = typeOf(expr);
  if (type === 'string') return atom(`$length(${object.text})`);
  if (type === 'array') return atom(`$count(${object.text})`);
  return withVariable(object, context, (v) => `$type(${v}) = "array" ? $count(${v}) : $length(${v})`);
}

function printCall(expr: Expr & { kind: 'call' }, context: PrintContext): Printed {
  const { callee } = expr;
  if (callee.kind !== 'member') {
    const name = callee.kind === 'name' ? callee.name : 'a computed function';
    const refused = callee.kind === 'name' ? refusedNames.get(name) : undefined;
    if (refused) throw new Untranslatable(refused);
    throw new Untranslatable(`It calls ${name}(), which Hookflow does not know how to translate.`);
  }
  const { object, name } = callee;
  const math = object.kind === 'name' && object.name === 'Math' ? mathFunctions.get(name) : undefined;
  if (math && expr.args.length > 0) {
    if (name === 'round') context.approximations.add('Math.round is written $floor(x + 0.5), as JavaScript rounds halves up.');
    return atom(math(expr.args.map((arg) => printExpr(arg, context))));
  }
  if (object.kind === 'name' && object.name === 'JSON' && name === 'stringify') return printStringify(expr.args, context);
  if (object.kind === 'name' && object.name === 'Date' && name === 'now' && expr.args.length === 0) return atom('$millis()');
  if (object.kind === 'name' && object.name === '$now' && name === 'toMillis' && expr.args.length === 0) return atom('$millis()');
  if (isUtcNow(object) && name === 'toISO' && expr.args.length === 0) return atom('$now()');
  return printMethod(expr, object, name, context);
}

function isUtcNow(expr: Expr): boolean {
  return expr.kind === 'call' && expr.args.length === 0 && expr.callee.kind === 'member' && expr.callee.name === 'toUTC' && expr.callee.object.kind === 'name' && expr.callee.object.name === '$now';
}

const methodArity = new Map(Object.entries({ toUpperCase: 0, toLowerCase: 0, trim: 0, includes: 1, split: 1, join: 1 }));

function printMethod(expr: Expr & { kind: 'call' }, object: Expr, name: string, context: PrintContext): Printed {
  const target = printExpr(object, context);
  const arity = methodArity.get(name);
  if (arity === undefined) {
    throw new Untranslatable(`It calls the method .${name}(), which Hookflow does not know how to translate; rewrite it with JSONata functions.`);
  }
  if (expr.args.length !== arity) throw new Untranslatable(`It calls .${name}() with ${expr.args.length} arguments; only the form with ${arity} is translated.`);
  const [printedArg] = expr.args.map((value) => printExpr(value, context));
  const arg = printedArg?.text;
  switch (name) {
    case 'toUpperCase':
      return atom(`$uppercase(${target.text})`);
    case 'toLowerCase':
      return atom(`$lowercase(${target.text})`);
    case 'trim':
      return atom(`$replace(${target.text}, /^\\s+|\\s+$/, "")`);
    case 'split':
      if (expr.args[0]!.kind !== 'str') throw new Untranslatable('It calls .split() with something other than a fixed text; only a text separator is translated.');
      return atom(`$split(${target.text}, ${arg})`);
    case 'join':
      return atom(`$join(${target.text}, ${arg})`);
    default: {
      const type = typeOf(object);
      if (type === 'string') return atom(`$contains(${target.text}, ${arg})`);
      const member = wrap(printedArg!, 41);
      if (type === 'array') return { text: `${member} in ${wrap(target, 41)}`, prec: 40 };
      return withVariable(target, context, (v) => `$type(${v}) = "array" ? ${member} in ${v} : $contains(${v}, ${arg})`);
    }
  }
}

function printStringify(args: Expr[], context: PrintContext): Printed {
  const [value, replacer, indent] = args;
  if (!value || args.length > 3 || (args.length > 1 && replacer?.kind !== 'null')) throw new Untranslatable('It calls JSON.stringify() with a replacer; only JSON.stringify(x) and JSON.stringify(x, null, 2) are translated.');
  if (indent && !(indent.kind === 'num' && indent.value === 2)) throw new Untranslatable('It calls JSON.stringify() with an indent other than 2, which JSONata cannot write.');
  const printed = printExpr(value, context);
  const pretty = indent ? ', true' : '';
  const type = typeOf(value);
  if (type !== undefined && type !== 'string') return atom(`$string(${printed.text}${pretty})`);
  if (type === 'string') return atom(`$string([${printed.text}])`);
  context.approximations.add('JSONata writes numbers with at most 15 significant digits in JSON text.');
  return withVariable(printed, context, (v) => `$type(${v}) = "string" ? $substring($string([${v}]), 1, $length($string([${v}])) - 2) : $string(${v}${pretty})`);
}

function printUnary(expr: Expr & { kind: 'unary' }, context: PrintContext): Printed {
  if (expr.op === '!') return atom(`$not(${printExpr(expr.arg, context, true).text})`);
  const arg = printExpr(expr.arg, context);
  if (expr.op === '+') {
    context.approximations.add('Unary + is written $number(), which refuses text that is not a number instead of giving NaN.');
    return atom(`$number(${arg.text})`);
  }
  return { text: `-${wrap(arg, 70)}`, prec: 70 };
}

const binaryPrec: Record<string, number> = { '*': 60, '/': 60, '%': 60, '+': 50, '-': 50, '&': 50, '=': 40, '!=': 40, '<': 40, '>': 40, '<=': 40, '>=': 40, and: 30, or: 25 };

function printBinary(expr: Expr & { kind: 'binary' }, context: PrintContext, boolean: boolean): Printed {
  const { left, right } = expr;
  if (expr.op === '&&' || expr.op === '||' || expr.op === '??') return printLogical(expr, context, boolean);
  let op = expr.op;
  if (op === '+') {
    const leftType = typeOf(left);
    const rightType = typeOf(right);
    if (leftType === 'string' || rightType === 'string') {
      op = '&';
      if (leftType === undefined || rightType === undefined) context.approximations.add('Joining text with +: JSONata writes a missing value as nothing and an object as JSON (JavaScript writes "undefined" and "[object Object]").');
    } else if (leftType !== 'number' || rightType !== 'number') {
      context.approximations.add('+ between values of unknown type is written as numeric addition; text there fails the node instead of being joined.');
    }
  }
  if (op === '===' || op === '==') op = '=';
  if (op === '!==') op = '!=';
  if (expr.op === '==' || expr.op === '!=') context.approximations.add('== and != compare without JavaScript\'s type conversion ("1" == 1 is false).');
  const prec = binaryPrec[op]!;
  const printedLeft = printExpr(left, context);
  const printedRight = printExpr(right, context);
  return { text: `${wrap(printedLeft, prec)} ${op} ${wrap(printedRight, prec + 1)}`, prec };
}

/** `&&`, `||`, `??`: JavaScript returns one of the operands, JSONata's `and`/`or` a boolean. */
function printLogical(expr: Expr & { kind: 'binary' }, context: PrintContext, boolean: boolean): Printed {
  const bothBoolean = typeOf(expr.left) === 'boolean' && typeOf(expr.right) === 'boolean';
  if (expr.op !== '??' && (boolean || bothBoolean)) {
    const op = expr.op === '&&' ? 'and' : 'or';
    const prec = binaryPrec[op]!;
    return { text: `${wrap(printExpr(expr.left, context, true), prec)} ${op} ${wrap(printExpr(expr.right, context, true), prec + 1)}`, prec };
  }
  const left = printExpr(expr.left, context);
  const right = wrap(printExpr(expr.right, context), 21);
  if (expr.op === '??') return withVariable(left, context, (v) => `$exists(${v}) and ${v} != null ? ${v} : ${right}`);
  context.approximations.add('|| and && test truth as JSONata does: an empty object or list counts as false (JavaScript counts it as true).');
  return withVariable(left, context, (v) => (expr.op === '||' ? `${v} ? ${v} : ${right}` : `${v} ? ${right} : ${v}`));
}

function printTemplate(expr: Expr & { kind: 'template' }, context: PrintContext): Printed {
  const parts: string[] = [];
  expr.quasis.forEach((text, index) => {
    if (text) parts.push(JSON.stringify(text));
    const value = expr.exprs[index];
    if (value) {
      if (typeOf(value) !== 'string') context.approximations.add('A template literal writes a missing value as nothing and an object as JSON in JSONata (JavaScript writes "undefined" and "[object Object]").');
      parts.push(wrap(printExpr(value, context), 51));
    }
  });
  if (parts.length === 0) return atom('""');
  if (parts.length === 1 && expr.quasis.some(Boolean)) return atom(parts[0]!);
  return { text: (parts.length === 1 ? ['""', ...parts] : parts).join(' & '), prec: 50 };
}
