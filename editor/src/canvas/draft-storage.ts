import type { FlowDocument } from '../api/types';

/** An unsaved draft kept in localStorage so that a refresh or a refused save loses nothing. */
export interface StoredDraft {
  document: FlowDocument;
  /** The stored version the draft was based on: saving it later still detects a newer save. */
  baseVersion: number;
  savedAt: string;
}

const keyOf = (flowId: string) => `hookflow.draft.${flowId}`;

export function readDraft(flowId: string): StoredDraft | undefined {
  try {
    const raw = localStorage.getItem(keyOf(flowId));
    const draft = raw ? (JSON.parse(raw) as StoredDraft) : undefined;
    return draft?.document?.nodes && typeof draft.baseVersion === 'number' ? draft : undefined;
  } catch {
    return undefined;
  }
}

export function writeDraft(flowId: string, draft: StoredDraft): void {
  try {
    localStorage.setItem(keyOf(flowId), JSON.stringify(draft));
  } catch {
    // A full or disabled storage only costs the refresh safety net; the editor keeps working.
  }
}

export function clearDraft(flowId: string): void {
  localStorage.removeItem(keyOf(flowId));
}

/** Whether two documents hold the same flow (compared as JSON; key order follows the editor's own writes). */
export function sameDocument(a: FlowDocument, b: FlowDocument): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
