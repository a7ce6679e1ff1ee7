import { describe, expect, it } from 'vitest';
import type { NodeCompiler } from '../../nodes/define-node.js';
import { compileExpression } from '../../nodes/expression.js';
import { compileTemplate } from '../../nodes/template.js';

const compiled: string[] = [];
const compiler: NodeCompiler = {
  expression(source) {
    compiled.push(source);
    return compileExpression(source);
  },
};
const scope = { trigger: {}, nodes: {} };
const render = (text: string, input: unknown) => compileTemplate(text, compiler, 'field').render(input, scope);

describe('compileTemplate', () => {
  it('fills each placeholder with the result of its expression', async () => {
    expect(await render('https://crm.example.com/contacts/{{ body.id }}?v={{body.v}}', { body: { id: 42, v: 'x' } })).toBe(
      'https://crm.example.com/contacts/42?v=x',
    );
  });

  it('writes strings as they are, numbers and booleans as text, objects as JSON, nothing for null and undefined', async () => {
    const input = { s: 'text', n: 1.5, b: false, o: { a: [1] }, z: null };
    expect(await render('{{s}}|{{n}}|{{b}}|{{o}}|{{z}}|{{missing}}', input)).toBe('text|1.5|false|{"a":[1]}||');
  });

  it('reads placeholders whose expressions hold braces and quoted "}}"', async () => {
    expect(await render('{{ {"a": {"b": x}}.a.b }}-{{ "}}" & x }}', { x: 'y' })).toBe('y-}}y');
  });

  it('compiles each placeholder once, and none for plain text', async () => {
    compiled.length = 0;
    const template = compileTemplate('plain {{ a }} and {{ b }}', compiler, 'field');
    await template.render({ a: 1, b: 2 }, scope);
    await template.render({ a: 3, b: 4 }, scope);
    expect(compiled).toEqual(['a', 'b']);
    compiled.length = 0;
    expect(await compileTemplate('no placeholders', compiler, 'field').render({}, scope)).toBe('no placeholders');
    expect(compiled).toEqual([]);
  });

  it('refuses an unclosed or empty placeholder, naming the field', () => {
    expect(() => compileTemplate('a {{ b', compiler, 'url')).toThrow('url: the placeholder at character 2 has no closing "}}".');
    expect(() => compileTemplate('a {{ }}', compiler, 'url')).toThrow('url: the placeholder at character 2 is empty');
  });
});
