import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, placeholder } from '@codemirror/view';
import { useEffect, useRef, useState } from 'react';
import { jsonataHighlighting, jsonataLanguage } from './jsonata-language';
import { jsonataLinter, type SyntaxProblem } from './jsonata-lint';

interface ExpressionEditorProps {
  /** The id of the editable element, for the label's `htmlFor`. */
  id: string;
  value: string;
  onChange(value: string): void;
  /** The id of the field's label element. */
  labelId: string;
  /** Ids of the help and problem texts under the field. */
  describedBy?: string;
  invalid?: boolean;
  /** Shown but not editable (a viewer's page); fixed when the editor is created. */
  readOnly?: boolean;
}

/** A JSONata field: CodeMirror 6 with highlighting and the parser's syntax error at its position and under the field. */
export function ExpressionEditor({ id, value, onChange, labelId, describedBy, invalid, readOnly = false }: ExpressionEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latestOnChange = useRef(onChange);
  latestOnChange.current = onChange;
  /** Set while a new value from outside (undo, another node) is written in, which is not an edit to report back. */
  const applyingValue = useRef(false);
  const [syntax, setSyntax] = useState<SyntaxProblem | undefined>();
  const errorId = `${labelId}-syntax`;
  const described = [describedBy, syntax ? errorId : undefined].filter(Boolean).join(' ');

  useEffect(() => {
    const editor = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          history(),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          jsonataLanguage,
          jsonataHighlighting,
          jsonataLinter(setSyntax),
          placeholder('JSONata expression'),
          EditorView.lineWrapping,
          EditorState.readOnly.of(readOnly),
          EditorView.editable.of(!readOnly),
          EditorView.updateListener.of((update) => {
            if (update.docChanged && !applyingValue.current) latestOnChange.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // The editor is created once; later values arrive through the effect below.
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (!editor || editor.state.doc.toString() === value) return;
    applyingValue.current = true;
    try {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
    } finally {
      applyingValue.current = false;
    }
  }, [value]);

  useEffect(() => {
    view.current?.contentDOM.setAttribute('id', id);
    view.current?.contentDOM.setAttribute('aria-labelledby', labelId);
    view.current?.contentDOM.setAttribute('aria-multiline', 'true');
    if (described) view.current?.contentDOM.setAttribute('aria-describedby', described);
    else view.current?.contentDOM.removeAttribute('aria-describedby');
    if (invalid || syntax) view.current?.contentDOM.setAttribute('aria-invalid', 'true');
    else view.current?.contentDOM.removeAttribute('aria-invalid');
  }, [id, labelId, described, invalid, syntax]);

  return (
    <div className="expression-field">
      <div ref={host} className={`expression-editor${syntax || invalid ? ' is-invalid' : ''}`} />
      {syntax && (
        <p id={errorId} className="field-error" role="status">
          Syntax error at character {syntax.position}: {syntax.message}
        </p>
      )}
    </div>
  );
}
