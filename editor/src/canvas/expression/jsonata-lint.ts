import { linter, type Diagnostic } from '@codemirror/lint';
import jsonata from 'jsonata';

/** A JSONata syntax error: the parser's message and the character position it stopped at. */
export interface SyntaxProblem {
  message: string;
  position: number;
}

/** Parses `source` the way the server will; undefined when it parses (an empty field is the form's to report). */
export function checkJsonata(source: string): SyntaxProblem | undefined {
  if (source.trim() === '') return undefined;
  try {
    jsonata(source);
    return undefined;
  } catch (error) {
    const { message, position } = error as { message?: string; position?: number };
    return { message: message ?? 'The expression cannot be read.', position: typeof position === 'number' ? position : source.length };
  }
}

/** CodeMirror lint extension: marks the syntax error at its position and tells `report` about it, debounced. */
export function jsonataLinter(report: (problem: SyntaxProblem | undefined) => void) {
  return linter(
    (view): Diagnostic[] => {
      const length = view.state.doc.length;
      const problem = checkJsonata(view.state.doc.toString());
      report(problem);
      if (!problem) return [];
      const to = Math.min(Math.max(problem.position, 1), length);
      return [{ from: Math.max(0, to - 1), to, severity: 'error', message: problem.message }];
    },
    { delay: 300 },
  );
}
