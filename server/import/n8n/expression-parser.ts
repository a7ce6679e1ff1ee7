import { Lexer, Untranslatable, type Token } from './expression-lexer.js';

/** The part of JavaScript that n8n expressions are written in, as far as Hookflow translates it. */
export type Expr =
  | { kind: 'num'; value: number }
  | { kind: 'str'; value: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'null' }
  | { kind: 'template'; quasis: string[]; exprs: Expr[] }
  | { kind: 'name'; name: string }
  | { kind: 'member'; object: Expr; name: string }
  | { kind: 'index'; object: Expr; index: Expr }
  | { kind: 'call'; callee: Expr; args: Expr[] }
  | { kind: 'unary'; op: '!' | '-' | '+'; arg: Expr }
  | { kind: 'binary'; op: string; left: Expr; right: Expr }
  | { kind: 'cond'; test: Expr; then: Expr; else: Expr }
  | { kind: 'array'; items: Expr[] }
  | { kind: 'object'; entries: { key: string | Expr; value: Expr }[] };

/** Deepest nesting of sub-expressions read; deeper input is refused rather than risking the stack. */
export const maxNesting = 100;

const binaryLevels: string[][] = [['??'], ['||'], ['&&'], ['===', '!==', '==', '!='], ['<', '>', '<=', '>='], ['+', '-'], ['*', '/', '%']];

const refusedPuncts: Record<string, string> = {
  '=>': 'It defines an arrow function; Hookflow translates values, not functions.',
  '=': 'It assigns a value; an imported expression may only read data.',
  '++': 'It changes a variable with ++ or --; an imported expression may only read data.',
  '...': 'It uses spread syntax (...), which has no safe JSONata equivalent.',
  ';': 'It holds several statements separated by ";"; only a single expression is translated.',
  '/': 'It contains a regular expression literal; JavaScript and JSONata regular expressions differ, so it is not translated.',
};

const assignments = new Set(['+=', '-=', '*=', '/=', '%=', '**=', '&&=', '||=', '??=']);

const refusedWords = new Map<string, string>(Object.entries({
  function: 'It defines a function; Hookflow translates values, not functions.',
  new: 'It constructs an object with "new", which has no JSONata equivalent.',
  typeof: 'It uses "typeof"; rewrite the check in JSONata with $type().',
  delete: 'It deletes a property; an imported expression may only read data.',
  void: 'It uses "void", which has no JSONata equivalent.',
  await: 'It awaits a promise; imported expressions are evaluated synchronously.',
  this: 'It uses "this", which means nothing outside n8n.',
  in: 'It uses the "in" operator; rewrite it in JSONata with $exists() or $keys().',
  instanceof: 'It uses "instanceof", which has no JSONata equivalent.',
  for: 'It contains a loop; only a single expression is translated.',
  while: 'It contains a loop; only a single expression is translated.',
  let: 'It declares a variable; only a single expression is translated.',
  const: 'It declares a variable; only a single expression is translated.',
  var: 'It declares a variable; only a single expression is translated.',
  return: 'It contains a return statement; only a single expression is translated.',
}));

/**
 * A recursive-descent parser for one n8n expression, reading tokens from `lexer` and stopping at
 * the first token that cannot continue the expression (the caller checks what that is).
 */
export class Parser {
  private depth = 0;

  constructor(private readonly lexer: Lexer) {}

  /** Reads one expression; throws `Untranslatable` for anything outside the subset. */
  parseExpression(): Expr {
    this.enter();
    const test = this.parseBinary(0);
    let result = test;
    if (this.isPunct('?')) {
      this.lexer.next();
      const then = this.parseExpression();
      this.expect(':', 'the ":" of a conditional (a ? b : c)');
      result = { kind: 'cond', test, then, else: this.parseExpression() };
    }
    this.refuseAt(this.lexer.peek());
    this.depth--;
    return result;
  }

  peek(): Token {
    return this.lexer.peek();
  }

  private enter(): void {
    if (++this.depth > maxNesting) throw new Untranslatable(`It nests deeper than ${maxNesting} levels; simplify it before importing.`);
  }

  private isPunct(value: string): boolean {
    const token = this.lexer.peek();
    return token.type === 'punct' && token.value === value;
  }

  private expect(value: string, what: string): void {
    const token = this.lexer.next();
    if (token.type !== 'punct' || token.value !== value) throw new Untranslatable(`Expected ${what} at position ${token.start}, found ${describe(token)}.`);
  }

  /** Refuses assignments, arrows, statements and the like where an operator could follow. */
  private refuseAt(token: Token): void {
    if (token.type === 'punct') {
      const reason = refusedPuncts[assignments.has(token.value) ? '=' : token.value === '--' ? '++' : token.value];
      if (reason && token.value !== '/') throw new Untranslatable(reason);
      if (['<<', '>>', '>>>', '&', '|', '^', '~'].includes(token.value)) throw new Untranslatable(`It uses the bitwise operator "${token.value}", which has no JSONata equivalent.`);
      if (token.value === '**') throw new Untranslatable('It uses "**"; rewrite the power in JSONata with $power().');
    }
    const word = token.type === 'name' ? refusedWords.get(token.value) : undefined;
    if (word) throw new Untranslatable(word);
  }

  private parseBinary(level: number): Expr {
    if (level === binaryLevels.length) return this.parseUnary();
    const depth = this.depth;
    let left = this.parseBinary(level + 1);
    for (let token = this.lexer.peek(); token.type === 'punct' && binaryLevels[level]!.includes(token.value); token = this.lexer.peek()) {
      this.lexer.next();
      this.enter();
      left = { kind: 'binary', op: token.value, left, right: this.parseBinary(level + 1) };
    }
    this.refuseAt(this.lexer.peek());
    this.depth = depth;
    return left;
  }

  private parseUnary(): Expr {
    const token = this.lexer.peek();
    if (token.type === 'punct' && (token.value === '!' || token.value === '-' || token.value === '+')) {
      this.lexer.next();
      this.enter();
      const arg = this.parseUnary();
      this.depth--;
      return { kind: 'unary', op: token.value, arg };
    }
    return this.parsePostfix(this.parsePrimary());
  }

  private parsePostfix(start: Expr): Expr {
    const depth = this.depth;
    let expr = start;
    for (;;) {
      const token = this.lexer.peek();
      if (token.type === 'template') throw new Untranslatable('It calls a tagged template literal, which has no JSONata equivalent.');
      if (token.type !== 'punct') {
        this.depth = depth;
        return expr;
      }
      if (token.value === '.' || token.value === '?.') {
        this.lexer.next();
        const name = this.lexer.peek();
        if (token.value === '?.' && name.type === 'punct' && (name.value === '[' || name.value === '(')) continue;
        if (name.type !== 'name') throw new Untranslatable(`Expected a property name after "${token.value}" at position ${name.start}, found ${describe(name)}.`);
        this.lexer.next();
        expr = { kind: 'member', object: expr, name: name.value };
      } else if (token.value === '[') {
        this.lexer.next();
        const index = this.parseExpression();
        this.expect(']', 'the closing "]"');
        expr = index.kind === 'str' ? { kind: 'member', object: expr, name: index.value } : { kind: 'index', object: expr, index };
      } else if (token.value === '(') {
        this.lexer.next();
        expr = { kind: 'call', callee: expr, args: this.parseList(')') };
      } else {
        this.depth = depth;
        return expr;
      }
      this.enter();
    }
  }

  private parseList(close: string): Expr[] {
    const items: Expr[] = [];
    while (!this.isPunct(close)) {
      if (this.isPunct(',')) throw new Untranslatable(`It has an empty element in a list at position ${this.lexer.peek().start}.`);
      items.push(this.parseExpression());
      if (!this.isPunct(close)) this.expect(',', `"," or "${close}"`);
    }
    this.lexer.next();
    return items;
  }

  private parsePrimary(): Expr {
    const token = this.lexer.next();
    switch (token.type) {
      case 'num':
        return { kind: 'num', value: token.value };
      case 'str':
        return { kind: 'str', value: token.value };
      case 'template':
        return { kind: 'template', quasis: token.quasis, exprs: token.spans.map(([from, to]) => this.parseSpan(from, to)) };
      case 'name':
        this.refuseAt(token);
        if (token.value === 'true' || token.value === 'false') return { kind: 'bool', value: token.value === 'true' };
        if (token.value === 'null') return { kind: 'null' };
        if (this.isPunct('=>')) this.refuseAt(this.lexer.peek());
        return { kind: 'name', name: token.value };
      case 'eof':
        throw new Untranslatable(`The expression ends where a value is expected (position ${token.start}); is something missing or unbalanced?`);
      case 'punct':
        return this.parseBracketed(token);
    }
  }

  private parseBracketed(token: Token & { type: 'punct' }): Expr {
    if (token.value === '(') {
      const inner = this.parseExpression();
      this.expect(')', 'the closing ")"');
      if (this.isPunct('=>')) this.refuseAt(this.lexer.peek());
      return inner;
    }
    if (token.value === '[') return { kind: 'array', items: this.parseList(']') };
    if (token.value === '{') return this.parseObject();
    if (token.value === '/') throw new Untranslatable(refusedPuncts['/']!);
    this.refuseAt(token);
    throw new Untranslatable(`Unexpected ${describe(token)} at position ${token.start}; is something missing or unbalanced?`);
  }

  private parseObject(): Expr {
    const entries: { key: string | Expr; value: Expr }[] = [];
    while (!this.isPunct('}')) {
      const token = this.lexer.next();
      let key: string | Expr;
      if (token.type === 'name' || token.type === 'str') key = token.value;
      else if (token.type === 'num') key = String(token.value);
      else if (token.type === 'punct' && token.value === '[') {
        key = this.parseExpression();
        this.expect(']', 'the "]" of a computed key');
      } else {
        this.refuseAt(token);
        throw new Untranslatable(`Expected a property name in an object at position ${token.start}, found ${describe(token)}.`);
      }
      if (!this.isPunct(':')) throw new Untranslatable(`The object property at position ${token.start} has no ":" and value; shorthand properties and methods are not translated.`);
      this.lexer.next();
      entries.push({ key, value: this.parseExpression() });
      if (!this.isPunct('}')) this.expect(',', '"," or "}" in an object');
    }
    this.lexer.next();
    return { kind: 'object', entries };
  }

  /** Parses the `${ … }` part of a template literal, which must hold exactly one expression. */
  private parseSpan(from: number, to: number): Expr {
    const parser = new Parser(new Lexer(this.lexer.source, from, to));
    parser.depth = this.depth;
    const expr = parser.parseExpression();
    const rest = parser.peek();
    if (rest.type !== 'eof') throw new Untranslatable(`Unexpected ${describe(rest)} at position ${rest.start} inside a template literal.`);
    return expr;
  }
}

function describe(token: Token): string {
  if (token.type === 'eof') return 'the end of the expression';
  if (token.type === 'str') return 'a string';
  if (token.type === 'template') return 'a template literal';
  return `"${token.value}"`;
}
