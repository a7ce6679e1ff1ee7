import { HighlightStyle, StreamLanguage, syntaxHighlighting } from '@codemirror/language';
import { tags } from '@lezer/highlight';

interface TokenState {
  inComment: boolean;
}

const keywords = /^(?:and|or|in|function)\b/;
const literals = /^(?:true|false|null)\b/;
const operators = /^(?::=|~>|!=|<=|>=|\.\.|\?:|\?\?|[-+*/%&=<>!?:.|^#@~])/;

/** A small JSONata tokenizer: strings, numbers, `$variables` and `$functions(`, operators, field names, comments. */
export const jsonataLanguage = StreamLanguage.define<TokenState>({
  name: 'jsonata',
  startState: () => ({ inComment: false }),
  token(stream, state) {
    if (state.inComment) {
      state.inComment = !stream.skipTo('*/');
      if (state.inComment) stream.skipToEnd();
      else stream.match('*/');
      return 'comment';
    }
    if (stream.eatSpace()) return null;
    if (stream.match('/*')) {
      state.inComment = true;
      return 'comment';
    }
    const next = stream.peek();
    if (next === '"' || next === "'" || next === '`') {
      stream.next();
      let escaped = false;
      for (let char = stream.next(); char !== undefined; char = stream.next()) {
        if (char === next && !escaped) break;
        escaped = !escaped && char === '\\';
      }
      return next === '`' ? 'propertyName' : 'string';
    }
    if (stream.match(/^\d+(?:\.\d+)?(?:[eE][-+]?\d+)?/)) return 'number';
    if (stream.match(/^\$[A-Za-z0-9_]*/)) return stream.peek() === '(' ? 'variableName.function' : 'variableName.special';
    if (stream.match(literals)) return 'bool';
    if (stream.match(keywords)) return 'keyword';
    if (stream.match(/^[A-Za-z_][A-Za-z0-9_]*/)) return 'propertyName';
    if (stream.match(operators)) return 'operator';
    if (stream.match(/^[()[\]{}]/)) return 'bracket';
    stream.next();
    return 'punctuation';
  },
  languageData: { commentTokens: { block: { open: '/*', close: '*/' } } },
});

const jsonataColours = HighlightStyle.define([
  { tag: tags.string, color: '#0a7d33' },
  { tag: tags.number, color: '#9a4a00' },
  { tag: tags.bool, color: '#9a4a00' },
  { tag: tags.keyword, color: '#7b2fb5', fontWeight: '600' },
  { tag: tags.special(tags.variableName), color: '#1f5fbf' },
  { tag: tags.function(tags.variableName), color: '#a3216b' },
  { tag: tags.propertyName, color: '#1d2330' },
  { tag: tags.operator, color: '#5b6577' },
  { tag: tags.comment, color: '#6b7280', fontStyle: 'italic' },
]);

export const jsonataHighlighting = syntaxHighlighting(jsonataColours);
