import type { FlowDocument } from '../api/types.js';

/** Document snapshots for undo and redo; each change replaces `present` with a new object. */
export interface History {
  past: FlowDocument[];
  present: FlowDocument;
  future: FlowDocument[];
  /** Changes with the same key in quick succession (typing in one field) make one undo step. */
  lastKey?: string;
  lastAt: number;
}

export type HistoryAction =
  | { kind: 'commit'; document: FlowDocument; key?: string; at: number }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'reset'; document: FlowDocument };

const limit = 200;
const coalesceMs = 1000;

export const startHistory = (document: FlowDocument): History => ({ past: [], present: document, future: [], lastAt: 0 });

export function historyReducer(history: History, action: HistoryAction): History {
  switch (action.kind) {
    case 'commit': {
      if (action.document === history.present) return history;
      const coalesce = action.key !== undefined && action.key === history.lastKey && action.at - history.lastAt < coalesceMs;
      const past = coalesce ? history.past : [...history.past, history.present].slice(-limit);
      return { past, present: action.document, future: [], lastKey: action.key, lastAt: action.at };
    }
    case 'undo': {
      const previous = history.past.at(-1);
      if (!previous) return history;
      return { past: history.past.slice(0, -1), present: previous, future: [history.present, ...history.future], lastAt: 0 };
    }
    case 'redo': {
      const [next, ...future] = history.future;
      if (!next) return history;
      return { past: [...history.past, history.present], present: next, future, lastAt: 0 };
    }
    case 'reset':
      return startHistory(action.document);
  }
}
