/** Why an n8n expression is not translated; the message is shown to the person importing. */
export class Untranslatable extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'Untranslatable';
  }
}

/** One token of n8n's JavaScript subset; `start` and `end` are offsets in the whole parameter value. */
export type Token =
  | { type: 'num'; value: number; start: number; end: number }
  | { type: 'str'; value: string; start: number; end: number }
  | { type: 'template'; quasis: string[]; spans: [number, number][]; start: number; end: number }
  | { type: 'name'; value: string; start: number; end: number }
  | { type: 'punct'; value: string; start: number; end: number }
  | { type: 'eof'; value: ''; start: number; end: number };

const puncts = ['===', '!==', '**=', '...', '>>>', '&&=', '||=', '??=', '==', '!=', '<=', '>=', '&&', '||', '??', '?.', '=>', '**', '++', '--', '+=', '-=', '*=', '/=', '%=', '<<', '>>', '+', '-', '*', '/', '%', '<', '>', '!', '?', ':', '.', ',', '(', ')', '[', ']', '{', '}', '=', '&', '|', '^', '~', ';'];

const simpleEscapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' };

/**
 * Reads tokens on demand from `source`, starting at `from`, so that the parser can stop at the
 * `}}` that closes a placeholder and the caller can go on reading plain text after it.
 */
export class Lexer {
  private current: Token | undefined;

  constructor(
    readonly source: string,
    private position: number,
    private readonly limit = source.length,
  ) {}

  peek(): Token {
    this.current ??= this.read();
    return this.current;
  }

  next(): Token {
    const token = this.peek();
    this.current = undefined;
    return token;
  }

  private read(): Token {
    const { source } = this;
    while (this.position < this.limit && /\s/.test(source[this.position]!)) this.position++;
    const start = this.position;
    if (start >= this.limit) return { type: 'eof', value: '', start, end: start };
    const char = source[start]!;
    if (char === '"' || char === "'") return this.readString(char);
    if (char === '`') return this.readTemplate();
    if (/[0-9]/.test(char) || (char === '.' && /[0-9]/.test(source[start + 1] ?? ''))) return this.readNumber();
    if (/[\p{L}_$]/u.test(char)) {
      const match = /^[\p{L}\p{N}_$]+/u.exec(source.slice(start, Math.min(this.limit, start + 200)))!;
      this.position += match[0].length;
      return { type: 'name', value: match[0], start, end: this.position };
    }
    if (source.startsWith('//', start) || source.startsWith('/*', start)) throw new Untranslatable('It contains a JavaScript comment; remove the comment and import again.');
    const punct = puncts.find((candidate) => source.startsWith(candidate, start) && start + candidate.length <= this.limit);
    if (!punct) throw new Untranslatable(`It contains the character "${char}" at position ${start}, which is not part of any expression Hookflow translates.`);
    this.position += punct.length;
    return { type: 'punct', value: punct, start, end: this.position };
  }

  private readNumber(): Token {
    const start = this.position;
    const rest = this.source.slice(start, Math.min(this.limit, start + 400));
    const match = /^(?:0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/.exec(rest)!;
    this.position += match[0].length;
    if (/^[A-Za-z_$]/.test(this.source[this.position] ?? '')) throw new Untranslatable(`The number at position ${start} is followed by letters ("${match[0]}${this.source[this.position]}…"); it is not valid JavaScript.`);
    return { type: 'num', value: Number(match[0]), start, end: this.position };
  }

  private readEscape(): string {
    const { source } = this;
    const char = source[this.position + 1];
    if (char === undefined || this.position + 1 >= this.limit) throw new Untranslatable('A string ends with a lone backslash; it is not closed.');
    this.position += 2;
    if (char in simpleEscapes) return simpleEscapes[char]!;
    const hex = char === 'x' ? /^[0-9a-fA-F]{2}/ : char === 'u' ? /^(?:[0-9a-fA-F]{4}|\{[0-9a-fA-F]{1,6}\})/ : undefined;
    if (!hex) return char === '\n' || char === '\r' ? '' : char;
    const digits = hex.exec(source.slice(this.position, this.position + 8));
    if (!digits) throw new Untranslatable(`The escape "\\${char}" at position ${this.position - 2} is malformed.`);
    this.position += digits[0].length;
    const code = parseInt(digits[0].replace(/[{}]/g, ''), 16);
    if (code > 0x10ffff) throw new Untranslatable(`The escape at position ${this.position - digits[0].length - 2} names no Unicode character.`);
    return String.fromCodePoint(code);
  }

  private readString(quote: string): Token {
    const start = this.position++;
    let value = '';
    while (this.position < this.limit) {
      const char = this.source[this.position]!;
      if (char === quote) {
        this.position++;
        return { type: 'str', value, start, end: this.position };
      }
      if (char === '\n') break;
      if (char === '\\') value += this.readEscape();
      else {
        value += char;
        this.position++;
      }
    }
    throw new Untranslatable(`The string that starts at position ${start} is not closed with ${quote}.`);
  }

  /** A template literal: its text parts, and where each `${ … }` expression is (parsed later). */
  private readTemplate(): Token {
    const start = this.position++;
    const quasis: string[] = [];
    const spans: [number, number][] = [];
    let text = '';
    while (this.position < this.limit) {
      const char = this.source[this.position]!;
      if (char === '`') {
        this.position++;
        quasis.push(text);
        return { type: 'template', quasis, spans, start, end: this.position };
      }
      if (char === '\\') text += this.readEscape();
      else if (char === '$' && this.source[this.position + 1] === '{') {
        quasis.push(text);
        text = '';
        const inner = new Lexer(this.source, this.position + 2, this.limit);
        let depth = 0;
        for (let token = inner.next(); ; token = inner.next()) {
          if (token.type === 'eof') throw new Untranslatable(`The \${ at position ${this.position} in a template literal is not closed with }.`);
          if (token.type === 'punct' && token.value === '{') depth++;
          if (token.type === 'punct' && token.value === '}' && depth-- === 0) {
            spans.push([this.position + 2, token.start]);
            this.position = token.end;
            break;
          }
        }
      } else {
        text += char;
        this.position++;
      }
    }
    throw new Untranslatable(`The template literal that starts at position ${start} is not closed with \`.`);
  }
}
