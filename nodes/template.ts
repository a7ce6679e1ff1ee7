import { z } from 'zod';
import type { NodeCompiler } from './define-node.js';
import type { CompiledExpression, ExpressionScope } from './expression.js';

/** Text with `{{ jsonata }}` placeholders, compiled once per flow version and rendered per run. */
export interface Template {
  render(input: unknown, scope: ExpressionScope): Promise<string>;
}

type Part = string | { expression: string };

/**
 * A config field that holds a template; the editor draws it as a text field that highlights
 * its `{{ }}` placeholders.
 * @example z.object({ url: templateField('URL', 'Where to send the request.', 2000).min(1) })
 */
export function templateField(title: string, description: string, maxLength: number) {
  return z.string().max(maxLength).meta({ title, description, widget: 'template' });
}

/**
 * Compiles each placeholder once through `compiler`, so a syntax error names `field` at save
 * time. Placeholder results are joined as text: strings as they are, numbers and booleans
 * stringified, objects and arrays as JSON, null and undefined as nothing.
 *
 * @example
 * const url = compileTemplate('https://crm.example.com/contacts/{{ body.id }}', compiler, 'url');
 * await url.render(request, scope); // 'https://crm.example.com/contacts/42'
 */
export function compileTemplate(text: string, compiler: NodeCompiler, field: string): Template {
  const parts = splitTemplate(text, field).map((part) =>
    typeof part === 'string' ? part : compiler.expression(part.expression, field),
  );
  if (parts.every((part) => typeof part === 'string')) {
    const fixed = Promise.resolve(parts.join(''));
    return { render: () => fixed };
  }
  return {
    async render(input, scope) {
      const texts = await Promise.all(parts.map((part) => (typeof part === 'string' ? part : evaluateToText(part, input, scope))));
      return texts.join('');
    },
  };
}

async function evaluateToText(expression: CompiledExpression, input: unknown, scope: ExpressionScope): Promise<string> {
  const value = await expression.evaluate(input, scope);
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? '';
}

function splitTemplate(text: string, field: string): Part[] {
  const parts: Part[] = [];
  let from = 0;
  for (let open = text.indexOf('{{'); open !== -1; open = text.indexOf('{{', from)) {
    const close = findClose(text, open + 2);
    if (close === -1) throw new Error(`${field}: the placeholder at character ${open} has no closing "}}".`);
    const expression = text.slice(open + 2, close).trim();
    if (!expression) throw new Error(`${field}: the placeholder at character ${open} is empty; put a JSONata expression between "{{" and "}}".`);
    if (open > from) parts.push(text.slice(from, open));
    parts.push({ expression });
    from = close + 2;
  }
  if (from < text.length) parts.push(text.slice(from));
  return parts;
}

/** Where a placeholder's `}}` is, skipping braces of object constructors and quoted text inside it. */
function findClose(text: string, start: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let index = start; index < text.length; index++) {
    const char = text[index];
    if (quote) {
      if (char === '\\') index++;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'" || char === '`') {
      quote = char;
    } else if (char === '{') {
      depth++;
    } else if (char === '}') {
      if (depth === 0 && text[index + 1] === '}') return index;
      depth = Math.max(0, depth - 1);
    }
  }
  return -1;
}

/** A name with a templated value: one header or query parameter. */
export interface TemplatePair {
  name: string;
  value: Template;
}

const headerToken = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function pairList(name: z.ZodString) {
  const value = templateField('Value', 'Text; {{ }} inserts the result of a JSONata expression.', 8000);
  return z.array(z.object({ name: name.meta({ title: 'Name' }), value })).max(50, 'List at most 50 entries.');
}

/**
 * A zod check that each item's `name` appears once, ignoring case: ports and headers are looked
 * up by name, and names that differ only in case are a mistake waiting to happen.
 */
export function uniqueNames(what: string) {
  return (items: readonly { name: string }[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach(({ name }, index) => {
      const key = name.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [index, 'name'], message: `The ${what} "${name}" is listed twice; keep one.` });
      seen.add(key);
    });
  };
}

/** Headers with templated values; names are tokens, unique ignoring case, and none of `refused`. */
export function headersField(title: string, description: string, refused: readonly string[] = []) {
  const name = z.string().min(1, 'Enter a header name.').max(100).regex(headerToken, "A header name uses letters, digits and !#$%&'*+.^_`|~- only.");
  return pairList(name)
    .superRefine(uniqueNames('header'))
    .superRefine((headers, ctx) =>
      headers.forEach(({ name }, index) => {
        if (refused.includes(name.toLowerCase())) {
          ctx.addIssue({ code: 'custom', path: [index, 'name'], message: `The server sets the "${name}" header itself; remove it.` });
        }
      }),
    )
    .default([])
    .meta({ title, description });
}

/** Query parameters with templated values; a name may repeat (`tag=a&tag=b`). */
export function queryField(title: string, description: string) {
  return pairList(z.string().min(1, 'Enter a parameter name.').max(200)).default([]).meta({ title, description });
}

/** Compiles every value once; a syntax error names its entry, e.g. `headers[1].value`. */
export function compilePairs(pairs: readonly { name: string; value: string }[], compiler: NodeCompiler, field: string): TemplatePair[] {
  return pairs.map(({ name, value }, index) => ({ name, value: compileTemplate(value, compiler, `${field}[${index}].value`) }));
}

/** Renders the values concurrently, keeping the list's order (query parameters may repeat a name). */
export function renderPairs(pairs: readonly TemplatePair[], input: unknown, scope: ExpressionScope): Promise<[string, string][]> {
  return Promise.all(pairs.map(async ({ name, value }): Promise<[string, string]> => [name, await value.render(input, scope)]));
}

/** Renders header values, refusing any that would break out of its header line. */
export async function renderHeaders(pairs: readonly TemplatePair[], input: unknown, scope: ExpressionScope): Promise<[string, string][]> {
  const headers = await renderPairs(pairs, input, scope);
  for (const [name, value] of headers) {
    if (/[\r\n\0]/.test(value)) throw new Error(`The value of header "${name}" contains a line break or NUL character, which a header cannot carry.`);
  }
  return headers;
}
