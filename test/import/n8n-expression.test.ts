import { describe, expect, it } from 'vitest';
import type { NodeCompiler } from '../../nodes/define-node.js';
import { compileExpression } from '../../nodes/expression.js';
import { compileTemplate } from '../../nodes/template.js';
import { translateN8nValue, type Translation } from '../../server/import/n8n/expression.js';

const nodeIds = new Map([
  ['Lookup', 'lookup'],
  ['Set Fields', 'set-fields'],
]);
const lookupOutput = { name: 'Ada', score: 7, 'e-mail': 'ada@example.com' };
const scope = { trigger: {}, nodes: { lookup: lookupOutput, 'set-fields': { total: 12 } } };
const compiler: NodeCompiler = { expression: (source) => compileExpression(source) };

/** An imported n8n webhook item: `$json` of the node after the trigger. */
const item = {
  headers: { 'content-type': 'application/json', 'x-github-event': 'push' },
  params: {},
  query: { page: '2' },
  body: {
    name: '  Grace Hopper ',
    total: 40,
    tax: 2,
    items: [{ sku: 'A-1', price: 10 }, { sku: 'B-2', price: 30 }],
    tags: ['vip', 'new'],
    flag: false,
    empty: '',
    nothing: null,
    nested: { 'a-b': { c: 'deep' } },
    'we`ird': { x: 'tick' },
    'back\\slash': 'slash',
    größe: 3,
  },
};

const translate = (value: string) => translateN8nValue(value, { nodeIds });

/** What n8n's JavaScript gives: the expression run with `$json`, `$()` and `$node` bound as n8n binds them. */
function runInJavaScript(source: string): unknown {
  const nodesByName: Record<string, unknown> = { Lookup: lookupOutput, 'Set Fields': { total: 12 } };
  const $ = (name: string) => ({ item: { json: nodesByName[name] }, first: () => ({ json: nodesByName[name] }) });
  const $node = Object.fromEntries(Object.entries(nodesByName).map(([name, json]) => [name, { json }]));
  const $input = { item: { json: item } };
  return new Function('$json', '$', '$node', '$input', `return (${source});`)(item, $, $node, $input);
}

async function evaluate(translation: Translation): Promise<unknown> {
  if (translation.kind === 'expression') return compileExpression(translation.jsonata).evaluate(item, scope);
  if (translation.kind === 'template') return compileTemplate(translation.template, compiler, 'field').render(item, scope);
  throw new Error(`not translated: ${JSON.stringify(translation)}`);
}

/** [n8n expression inside {{ }}, JSONata expected, value both give on the sample item] */
const wholeValues: [string, string, unknown][] = [
  ['$json.body.total', 'body.total', 40],
  ['$json', '$', item],
  ['$json.headers["x-github-event"]', 'headers.`x-github-event`', 'push'],
  ["$json.body.nested['a-b'].c", 'body.nested.`a-b`.c', 'deep'],
  ['$json.body.items[1].sku', 'body.items[1].sku', 'B-2'],
  ['$json.query.page', 'query.page', '2'],
  ["$('Lookup').item.json.name", '$nodes.lookup.name', 'Ada'],
  ["$('Lookup').first().json.score", '$nodes.lookup.score', 7],
  ['$node["Set Fields"].json.total', '$nodes.`set-fields`.total', 12],
  ['$node["Lookup"].json["e-mail"]', '$nodes.lookup.`e-mail`', 'ada@example.com'],
  ['$input.item.json.body.tax', 'body.tax', 2],
  ['$json.body.total + $json.body.tax * 2', 'body.total + body.tax * 2', 44],
  ['($json.body.total + $json.body.tax) * 2', '(body.total + body.tax) * 2', 84],
  ['$json.body.total - $json.body.tax - 1', 'body.total - body.tax - 1', 37],
  ['$json.body.total - ($json.body.tax - 1)', 'body.total - (body.tax - 1)', 39],
  ['$json.body.total % 7 / 5', 'body.total % 7 / 5', 1],
  ['-$json.body.tax', '-body.tax', -2],
  ['$json.body.total === 40', 'body.total = 40', true],
  ['$json.body.total !== 40', 'body.total != 40', false],
  ['$json.body.total >= 40 && $json.body.tax < 1', 'body.total >= 40 and body.tax < 1', false],
  ['$json.body.total > 100 || $json.body.flag === false', 'body.total > 100 or body.flag = false', true],
  ['!$json.body.flag', '$not(body.flag)', true],
  ['$json.body.total > 10 ? "big" : "small"', 'body.total > 10 ? "big" : "small"', 'big'],
  ['$json.body.tax > 5 ? "a" : $json.body.tax > 1 ? "b" : "c"', 'body.tax > 5 ? "a" : body.tax > 1 ? "b" : "c"', 'b'],
  ['"Order " + $json.body.total', '"Order " & body.total', 'Order 40'],
  ['$json.body.tax + 1 + " items"', 'body.tax + 1 & " items"', '3 items'],
  ["'it\\'s'", '"it\'s"', "it's"],
  ['"say \\"hi\\"\\n"', '"say \\"hi\\"\\n"', 'say "hi"\n'],
  ['`Hello ${$json.body.name.trim()}, you owe ${$json.body.total + $json.body.tax}`', '"Hello " & $replace(body.name, /^\\s+|\\s+$/, "") & ", you owe " & (body.total + body.tax)', 'Hello Grace Hopper, you owe 42'],
  ['{ id: $json.body.items[0].sku, "e-mail": $(\'Lookup\').item.json["e-mail"], n: [1, 2] }', '{"id": body.items[0].sku, "e-mail": $nodes.lookup.`e-mail`, "n": [1, 2]}', { id: 'A-1', 'e-mail': 'ada@example.com', n: [1, 2] }],
  ['[$json.body.total, "x", true, null]', '[body.total, "x", true, null]', [40, 'x', true, null]],
  ['$json.body.name.toUpperCase()', '$uppercase(body.name)', '  GRACE HOPPER '],
  ['$json.body.name.toLowerCase().trim()', '$replace($lowercase(body.name), /^\\s+|\\s+$/, "")', 'grace hopper'],
  ['$json.body.name.length', '($v1 := body.name; $type($v1) = "array" ? $count($v1) : $length($v1))', 15],
  ['$json.body.tags.length', '($v1 := body.tags; $type($v1) = "array" ? $count($v1) : $length($v1))', 2],
  ['$json.body.tags.includes("vip")', '($v1 := body.tags; $type($v1) = "array" ? "vip" in $v1 : $contains($v1, "vip"))', true],
  ['$json.body.name.includes("Hop")', '($v1 := body.name; $type($v1) = "array" ? "Hop" in $v1 : $contains($v1, "Hop"))', true],
  ['"abc".includes("d")', '$contains("abc", "d")', false],
  ['$json.body.tags.join("+")', '$join(body.tags, "+")', 'vip+new'],
  ['"a,b".split(",")', '$split("a,b", ",")', ['a', 'b']],
  ['JSON.stringify($json.body.items[0])', '($v1 := body.items[0]; $type($v1) = "string" ? $substring($string([$v1]), 1, $length($string([$v1])) - 2) : $string($v1))', '{"sku":"A-1","price":10}'],
  ['JSON.stringify($json.headers["x-github-event"])', '($v1 := headers.`x-github-event`; $type($v1) = "string" ? $substring($string([$v1]), 1, $length($string([$v1])) - 2) : $string($v1))', '"push"'],
  ['JSON.stringify({ a: 1 })', '$string({"a": 1})', '{"a":1}'],
  ['JSON.stringify($json.query, null, 2)', '($v1 := query; $type($v1) = "string" ? $substring($string([$v1]), 1, $length($string([$v1])) - 2) : $string($v1, true))', '{\n  "page": "2"\n}'],
  ['$json.body.empty || "anonymous"', '($v1 := body.empty; $v1 ? $v1 : "anonymous")', 'anonymous'],
  ['$json.body.total || 0', '($v1 := body.total; $v1 ? $v1 : 0)', 40],
  ['$json.body.missing || $json.body.tax', '($v1 := body.missing; $v1 ? $v1 : body.tax)', 2],
  ['$json.body.total && $json.body.tax', '($v1 := body.total; $v1 ? body.tax : $v1)', 2],
  ['$json.body.nothing ?? "none"', '($v1 := body.nothing; $exists($v1) and $v1 != null ? $v1 : "none")', 'none'],
  ['$json.body.flag ?? true', '($v1 := body.flag; $exists($v1) and $v1 != null ? $v1 : true)', false],
  ['$json.body.total && $json.body.tax ? "both" : "not both"', 'body.total and body.tax ? "both" : "not both"', 'both'],
  ['Math.round(2.5) + Math.floor(1.9) + Math.max(1, $json.body.tax, 3)', '$floor(2.5 + 0.5) + $floor(1.9) + $max([1, body.tax, 3])', 7],
  ['$json.body?.nested?.["a-b"]?.c', 'body.nested.`a-b`.c', 'deep'],
  ['$json.and', '`and`', undefined],
  ['0x1F + 1e2', '31 + 100', 131],
  ['Math.round($json.body.flag ? 1 : 2.5)', '$floor((body.flag ? 1 : 2.5) + 0.5)', 3],
  ['$json.body.größe - -$json.body.tax', 'body.`größe` - -body.tax', 5],
  ['$json.body["we`ird"].x', '($lookup(body, "we`ird")).x', 'tick'],
  ['$json.body["back\\\\slash"]', '$lookup(body, "back\\\\slash")', 'slash'],
  ['[2, 3].includes($json.body.tax > 1 ? 3 : 4)', '(body.tax > 1 ? 3 : 4) in [2, 3]', true],
];

describe('translateN8nValue: whole-value expressions', () => {
  it.each(wholeValues)('{{ %s }} becomes %s', async (source, jsonata, expected) => {
    const translation = translate(`={{ ${source} }}`);
    expect(translation).toMatchObject({ kind: 'expression', jsonata });
    expect(runInJavaScript(source)).toEqual(expected);
    expect(await evaluate(translation)).toEqual(expected);
  });

  it('reads the placeholder without surrounding spaces and with an object literal inside', async () => {
    expect(translate('={{$json.body.total}}')).toMatchObject({ kind: 'expression', jsonata: 'body.total' });
    const translation = translate('={{{ a: { b: $json.body.tax }}}}');
    expect(translation).toMatchObject({ kind: 'expression', jsonata: '{"a": {"b": body.tax}}' });
    expect(await evaluate(translation)).toEqual({ a: { b: 2 } });
  });

  it('is not fooled by $json, {{ or }} inside strings', async () => {
    const translation = translate('={{ "$json.body {{ }}" + \'}}\' }}');
    expect(translation).toMatchObject({ kind: 'expression', jsonata: '"$json.body {{ }}" & "}}"' });
    expect(await evaluate(translation)).toBe('$json.body {{ }}}}');
  });

  it('translates the current time where JSONata has the same value', () => {
    expect(translate('={{ $now.toMillis() }}')).toMatchObject({ kind: 'expression', jsonata: '$millis()' });
    expect(translate('={{ Date.now() }}')).toMatchObject({ kind: 'expression', jsonata: '$millis()' });
    expect(translate('={{ $now.toUTC().toISO() }}')).toMatchObject({ kind: 'expression', jsonata: '$now()' });
  });

  it('lists the corner cases where the translation may answer differently', () => {
    expect(translate('={{ $json.body.total == "40" }}')).toMatchObject({ kind: 'expression', jsonata: 'body.total = "40"', approximations: ['== and != compare without JavaScript\'s type conversion ("1" == 1 is false).'] });
    expect(translate('={{ $json.body.total === 40 }}')).toMatchObject({ approximations: [] });
  });
});

describe('translateN8nValue: text', () => {
  it('keeps plain text, and "=" text without placeholders, as a literal', () => {
    expect(translate('https://api.example.com/{{ not an expression }}')).toEqual({ kind: 'literal', value: 'https://api.example.com/{{ not an expression }}' });
    expect(translate('=https://api.example.com/orders')).toEqual({ kind: 'literal', value: 'https://api.example.com/orders' });
    expect(translate('')).toEqual({ kind: 'literal', value: '' });
  });

  it.each([
    ["=https://crm.example.com/contacts/{{ $json.body.items[0].sku }}?page={{ $json.query.page }}", 'https://crm.example.com/contacts/{{ body.items[0].sku }}?page={{ query.page }}', 'https://crm.example.com/contacts/A-1?page=2'],
    ["=Hello {{ $('Lookup').item.json.name }}, total {{ $json.body.total + $json.body.tax }}!", 'Hello {{ $nodes.lookup.name }}, total {{ body.total + body.tax }}!', 'Hello Ada, total 42!'],
    ['= {{ $json.body.total }}', ' {{ body.total }}', ' 40'],
    ['={{ $json.body.tax }}{{ $json.body.tax }}', '{{ body.tax }}{{ body.tax }}', '22'],
    ['=items: {{ $json.body.tags }}', 'items: {{ body.tags }}', 'items: ["vip","new"]'],
    ['=data: {{ { a: { b: $json.body.tax } } }}', 'data: {{ {"a": {"b": body.tax}} }}', 'data: {"a":{"b":2}}'],
    ['=a "{{ "}}" }}" b', 'a "{{ "}}" }}" b', 'a "}}" b'],
    ['=<{{ $json.body["back\\\\slash"] }}>', '<{{ $lookup(body, "back\\\\slash") }}>', '<slash>'],
  ])('%s becomes the template %s', async (value, template, rendered) => {
    const translation = translate(value);
    expect(translation).toMatchObject({ kind: 'template', template });
    expect(await evaluate(translation)).toBe(rendered);
  });
});

describe('translateN8nValue: refused', () => {
  it.each([
    ['$json.items.map(i => i.price)', 'It defines an arrow function; Hookflow translates values, not functions.'],
    ['$json.items.reverse()', 'It calls the method .reverse(), which Hookflow does not know how to translate; rewrite it with JSONata functions.'],
    ['$json.name.trim(1)', 'It calls .trim() with 1 arguments; only the form with 0 is translated.'],
    ['(x) => x', 'It defines an arrow function; Hookflow translates values, not functions.'],
    ['x => 1', 'It defines an arrow function; Hookflow translates values, not functions.'],
    ['function () { return 1 }', 'It defines a function; Hookflow translates values, not functions.'],
    ['$items("Lookup")[0].json.x', 'It uses $items(), which reads a whole list of n8n items; Hookflow passes one item from node to node.'],
    ['$json.a = 1', 'It assigns a value; an imported expression may only read data.'],
    ['$json.a += 1', 'It assigns a value; an imported expression may only read data.'],
    ['$json.a++', 'It changes a variable with ++ or --; an imported expression may only read data.'],
    ['eval("1")', 'It calls eval(), which runs arbitrary code: Hookflow executes no user code.'],
    ["require('fs').readFileSync('/etc/passwd')", 'It calls require(), which loads code: Hookflow executes no user code.'],
    ['this.constructor', 'It uses "this", which means nothing outside n8n.'],
    ['new Date()', 'It constructs an object with "new", which has no JSONata equivalent.'],
    ['/^a+$/.test($json.x)', 'It contains a regular expression literal; JavaScript and JSONata regular expressions differ, so it is not translated.'],
    ['$json.x.replace(/a/g, "b")', 'It contains a regular expression literal; JavaScript and JSONata regular expressions differ, so it is not translated.'],
    ['$json.a; $json.b', 'It holds several statements separated by ";"; only a single expression is translated.'],
    ['for (;;) {}', 'It contains a loop; only a single expression is translated.'],
    ['$now', expect.stringContaining('It uses $now, a Luxon date')],
    ['$today.toISODate()', expect.stringContaining('It uses $today')],
    ['$env.API_KEY', 'It reads environment variables ($env), which Hookflow does not expose to expressions.'],
    ['$json.tags[$json.index]', expect.stringContaining('computed index or key')],
    ['$json.tags[-1]', expect.stringContaining('computed index or key')],
    ["$('Nowhere').item.json.x", 'It refers to the node "Nowhere", which is not in this workflow.'],
    ["$('Lookup').all()", expect.stringContaining("It uses $('Node Name') in a form other than")],
    ["$('Lookup').last().json.x", expect.stringContaining('(such as .all() or .last())')],
    ['$node.Lookup.data', 'It uses $node in a form other than $node["Node Name"].json.'],
    ['$json.a.isEmpty()', 'It calls the method .isEmpty(), which Hookflow does not know how to translate; rewrite it with JSONata functions.'],
    ['parseInt($json.a)', 'It calls parseInt(), which Hookflow does not know how to translate.'],
    ['foo.bar', 'It uses "foo", which Hookflow does not know how to translate.'],
    ['constructor', 'It uses "constructor", which Hookflow does not know how to translate.'],
    ['toString()', 'It calls toString(), which Hookflow does not know how to translate.'],
    ['Math.constructor(1)', 'It uses "Math", which Hookflow does not know how to translate.'],
    ['$json.a.toString()', 'It calls the method .toString(), which Hookflow does not know how to translate; rewrite it with JSONata functions.'],
    ['$json.a hasOwnProperty', expect.stringContaining('Expected }} to close the {{ at position 1')],
    ['typeof $json.a', 'It uses "typeof"; rewrite the check in JSONata with $type().'],
    ['$json.a | 1', 'It uses the bitwise operator "|", which has no JSONata equivalent.'],
    ['{ ...$json }', 'It uses spread syntax (...), which has no safe JSONata equivalent.'],
    ['{ a }', 'The object property at position 6 has no ":" and value; shorthand properties and methods are not translated.'],
    ['`a${$json.x`', expect.stringContaining('not closed')],
    ['$json.a // comment', 'It contains a JavaScript comment; remove the comment and import again.'],
    ['$json.a # b', 'It contains the character "#" at position 12, which is not part of any expression Hookflow translates.'],
    ['$json.a $json.b', expect.stringContaining('Expected }} to close the {{ at position 1')],
    ['JSON.stringify($json, null, 4)', 'It calls JSON.stringify() with an indent other than 2, which JSONata cannot write.'],
  ])('{{ %s }}', (source, reason) => {
    const value = `={{ ${source} }}`;
    expect(translate(value)).toEqual({ kind: 'untranslatable', reason, original: value });
  });

  it.each([
    ['={{ "abc }}', 'The string that starts at position 4 is not closed with ".'],
    ["={{ 'abc", "The string that starts at position 4 is not closed with '."],
    ['={{ $json.a', 'The {{ at position 1 is not closed with }}.'],
    ['={{ ($json.a }}', 'Expected the closing ")" at position 13, found "}".'],
    ['={{ [1, 2 }}', 'Expected "," or "]" at position 10, found "}".'],
    ['={{ { a: 1 }}', 'Expected }} to close the {{ at position 1, found "}" at position 12.'],
    ['={{ $json.a }', 'Expected }} to close the {{ at position 1, found "}" at position 12.'],
    ['={{ }}', 'The placeholder at position 1 is empty.'],
    ['={{ 1 + }}', 'Unexpected "}" at position 8; is something missing or unbalanced?'],
    ['=ok {{ $json.a }} then {{ $json.b', 'The {{ at position 23 is not closed with }}.'],
    ['={{ "a\\', 'A string ends with a lone backslash; it is not closed.'],
  ])('malformed %s', (value, reason) => {
    expect(translate(value)).toEqual({ kind: 'untranslatable', reason, original: value });
  });

  it('refuses a value longer than 10,000 characters without reading it', () => {
    const value = `={{ "${'x'.repeat(10_000)}" }}`;
    expect(translate(value)).toEqual({ kind: 'untranslatable', reason: 'The value is longer than 10000 characters; Hookflow translates expressions up to that length.', original: value });
  });

  it.each([
    ['brackets', `={{ ${'('.repeat(2000)}1${')'.repeat(2000)} }}`],
    ['negations', `={{ ${'!'.repeat(5000)}$json.a }}`],
    ['arrays', `={{ ${'['.repeat(3000)}${']'.repeat(3000)} }}`],
    ['property chains', `={{ $json${'.a'.repeat(3000)} }}`],
    ['template literals', `={{ ${'`${'.repeat(1500)}1${'}`'.repeat(1500)} }}`],
    ['operators', `={{ 1${' + 1'.repeat(2400)} }}`],
  ])('refuses deep nesting of %s with a reason instead of overflowing the stack', (_what, value) => {
    expect(translate(value)).toEqual({ kind: 'untranslatable', reason: 'It nests deeper than 100 levels; simplify it before importing.', original: value });
  });

  it('translates nesting within the bound', async () => {
    const translation = translate(`={{ ${'('.repeat(40)}$json.body.tax${')'.repeat(40)} }}`);
    expect(translation).toMatchObject({ kind: 'expression', jsonata: 'body.tax' });
    expect(await evaluate(translation)).toBe(2);
  });
});
