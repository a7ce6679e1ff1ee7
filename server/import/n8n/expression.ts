import { Lexer, Untranslatable } from './expression-lexer.js';
import { Parser } from './expression-parser.js';
import { printExpr, type PrintContext } from './expression-printer.js';

/** What an n8n parameter value becomes in Hookflow. */
export type Translation =
  /** Plain text, used as it is. */
  | { kind: 'literal'; value: string }
  /** A whole-value expression (`={{ … }}`): JSONata giving a value of any type. */
  | { kind: 'expression'; jsonata: string; approximations: string[] }
  /** Text with `{{ … }}` inside: a Hookflow template whose placeholders hold JSONata. */
  | { kind: 'template'; template: string; approximations: string[] }
  /** Not translated; `reason` says why, for the import report, and `original` is the value as exported. */
  | { kind: 'untranslatable'; reason: string; original: string };

export interface TranslationContext {
  /** Hookflow node id by n8n node name, for `$('Node Name').item.json` and `$node["Node Name"].json`. */
  nodeIds: ReadonlyMap<string, string>;
}

/** Longest parameter value translated; n8n expressions are one-liners, anything longer is refused. */
export const maxValueLength = 10_000;

/**
 * Translates one n8n parameter value to Hookflow. A value that does not start with `=` is plain
 * text. `={{ … }}` alone is a whole-value expression; `=` followed by text with `{{ … }}` inside
 * is a string template. The input item becomes n8n's `$json` (`$json.a` is `a`), and another
 * node's output is `$nodes.<id>`. Expressions are parsed, never rewritten by pattern, so text
 * in quotes is never mistaken for code. Anything outside the translated subset (see
 * docs/importing.md) is `untranslatable` with a reason; nothing is guessed. `approximations`
 * lists the corner cases where the JSONata may answer differently from n8n.
 *
 * A `literal` is the exact text: placed in a Hookflow template field, a `{{` inside it would be
 * read as a placeholder, so such text belongs in a `{{ "…" }}` string there.
 *
 * @example
 * translateN8nValue('={{ $json.body.total * 1.2 }}', { nodeIds: new Map() });
 * // { kind: 'expression', jsonata: 'body.total * 1.2', approximations: [] }
 * translateN8nValue("=Hello {{ $('Lookup').item.json.name }}!", { nodeIds: new Map([['Lookup', 'lookup']]) });
 * // { kind: 'template', template: 'Hello {{ $nodes.lookup.name }}!', approximations: [] }
 */
export function translateN8nValue(value: string, context: TranslationContext): Translation {
  if (!value.startsWith('=')) return { kind: 'literal', value };
  const refuse = (reason: string): Translation => ({ kind: 'untranslatable', reason, original: value });
  if (value.length > maxValueLength) return refuse(`The value is longer than ${maxValueLength} characters; Hookflow translates expressions up to that length.`);
  const printContext: PrintContext = { nodeIds: context.nodeIds, approximations: new Set(), variables: 0 };
  try {
    const parts = splitValue(value, printContext);
    const approximations = [...printContext.approximations];
    const [only] = parts;
    if (parts.length === 1 && typeof only === 'object') return { kind: 'expression', jsonata: only.jsonata, approximations };
    if (parts.every((part) => typeof part === 'string')) return { kind: 'literal', value: parts.join('') };
    const template = parts.map((part) => (typeof part === 'string' ? part : `{{ ${part.jsonata} }}`)).join('');
    return { kind: 'template', template, approximations };
  } catch (error) {
    if (error instanceof Untranslatable) return refuse(error.message);
    if (error instanceof RangeError) return refuse('It is nested too deeply to read; simplify it before importing.');
    throw error;
  }
}

/** The text and translated `{{ … }}` parts of a value after its leading `=`. */
function splitValue(value: string, context: PrintContext): (string | { jsonata: string })[] {
  const parts: (string | { jsonata: string })[] = [];
  let from = 1;
  for (let open = value.indexOf('{{', from); open !== -1; open = value.indexOf('{{', from)) {
    if (open > from) parts.push(value.slice(from, open));
    const lexer = new Lexer(value, open + 2);
    if (value.slice(open + 2, lexer.peek().start + 2).trim() === '}}') throw new Untranslatable(`The placeholder at position ${open} is empty.`);
    const parser = new Parser(lexer);
    const jsonata = printExpr(parser.parseExpression(), context).text;
    const close = lexer.next();
    if (close.type === 'eof') throw new Untranslatable(`The {{ at position ${open} is not closed with }}.`);
    if (close.type !== 'punct' || close.value !== '}' || value[close.start + 1] !== '}') {
      throw new Untranslatable(`Expected }} to close the {{ at position ${open}, found "${value.slice(close.start, close.start + 20)}" at position ${close.start}.`);
    }
    parts.push({ jsonata });
    from = close.start + 2;
  }
  if (from < value.length) parts.push(value.slice(from));
  return parts;
}
