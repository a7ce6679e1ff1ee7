import { useCallback, useEffect, useMemo, useReducer, useState } from 'react';
import { api, ApiError } from '../api/client';
import { useUnsavedWork } from '../leave-guard';
import type { FlowDocument, StoredFlowView, WebhookUrls } from '../api/types';
import { clearDraft, readDraft, sameDocument, writeDraft, type StoredDraft } from './draft-storage';
import { historyReducer, startHistory } from './history';
import { locateProblems, problemsByNode, type CanvasProblem } from './problems';

export type SaveOutcome = 'saved' | 'conflict' | 'invalid' | 'failed';

export interface Notice {
  kind: 'info' | 'error';
  text: string;
}

/**
 * The flow being edited: the document with its undo history, what the server last stored
 * (version, webhook URL, active), the unsaved draft in localStorage, and save/activate with
 * their refusals (409 conflict, 422 problems).
 */
export function useFlowDocument(initial: StoredFlowView) {
  const flowId = initial.flow.id;
  const [history, dispatch] = useReducer(historyReducer, initial.flow, startHistory);
  const [saved, setSaved] = useState(initial.flow);
  const [version, setVersion] = useState(initial.version);
  const [webhook, setWebhook] = useState<WebhookUrls | null>(initial.webhook);
  const [active, setActive] = useState(initial.flow.active);
  const [problems, setProblems] = useState<CanvasProblem[]>([]);
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState<'saving' | 'activating' | undefined>();
  const [notice, setNotice] = useState<Notice | undefined>();
  const [draftOffer, setDraftOffer] = useState<StoredDraft | undefined>(() => {
    const draft = readDraft(flowId);
    // `active` is the server's to say (the switch), so a draft differing only there is no draft.
    return draft && !sameDocument({ ...draft.document, active: initial.flow.active }, initial.flow) ? draft : undefined;
  });

  const document = history.present;
  const dirty = document !== saved;

  useEffect(() => {
    if (draftOffer) return;
    if (!dirty) return clearDraft(flowId);
    const timer = setTimeout(() => writeDraft(flowId, { document, baseVersion: version, savedAt: new Date().toISOString() }), 300);
    return () => clearTimeout(timer);
  }, [flowId, document, dirty, version, draftOffer]);

  useUnsavedWork(dirty ? 'This flow has unsaved changes. Leave without saving? (Your draft stays in this browser.)' : undefined);

  const change = useCallback((next: FlowDocument, key?: string) => dispatch({ kind: 'commit', document: next, key, at: Date.now() }), []);
  const undo = useCallback(() => dispatch({ kind: 'undo' }), []);
  const redo = useCallback(() => dispatch({ kind: 'redo' }), []);

  const adopt = (view: StoredFlowView, document: FlowDocument) => {
    setSaved(document);
    setVersion(view.version);
    setWebhook(view.webhook);
    setActive(view.flow.active);
  };

  const refuse = (error: unknown, sent: FlowDocument, action: string): SaveOutcome => {
    if (error instanceof ApiError && error.status === 409) {
      setConflict(true);
      return 'conflict';
    }
    if (error instanceof ApiError && error.problems.length > 0) {
      setProblems(locateProblems(error.problems, sent));
      setNotice({ kind: 'error', text: `${action}: ${error.message}` });
      return 'invalid';
    }
    setNotice({ kind: 'error', text: `${action}: ${error instanceof Error ? error.message : String(error)}` });
    return 'failed';
  };

  /** Saves the draft on top of `version`; `overwrite` drops the version check (after a conflict). */
  const save = useCallback(
    async (overwrite = false): Promise<SaveOutcome> => {
      const sent = { ...document, active };
      setBusy('saving');
      try {
        const view = await api.saveFlow(sent, overwrite ? undefined : version);
        adopt(view, document);
        setProblems([]);
        setConflict(false);
        clearDraft(flowId);
        setNotice({ kind: 'info', text: `Saved (version ${view.version}).` });
        return 'saved';
      } catch (error) {
        return refuse(error, sent, 'The flow was not saved');
      } finally {
        setBusy(undefined);
      }
    },
    [document, active, version, flowId],
  );

  /** Drops the draft and loads what the server holds now. */
  const reloadTheirs = useCallback(async () => {
    try {
      const view = await api.getFlow(flowId);
      dispatch({ kind: 'reset', document: view.flow });
      adopt(view, view.flow);
      setProblems([]);
      setConflict(false);
      clearDraft(flowId);
      setNotice({ kind: 'info', text: `Loaded the newer version ${view.version}.` });
    } catch (error) {
      refuse(error, document, 'The flow could not be reloaded');
    }
  }, [flowId, document]);

  /** Activates or deactivates; unsaved changes are saved first. */
  const toggleActive = useCallback(async () => {
    if (dirty && (await save()) !== 'saved') return;
    const next = !active;
    setBusy('activating');
    try {
      const view = await (next ? api.activate(flowId) : api.deactivate(flowId));
      setVersion(view.version);
      setActive(view.flow.active);
      setWebhook(view.webhook);
      setProblems([]);
      const starts = view.webhook ? 'its webhook URL answers now' : 'it starts when a flow it watches fails';
      const stops = view.webhook ? 'its webhook URL is off' : 'it no longer starts on failures';
      setNotice({ kind: 'info', text: next ? `The flow is active: ${starts}.` : `The flow is inactive: ${stops}.` });
    } catch (error) {
      refuse(error, saved, next ? 'The flow was not activated' : 'The flow was not deactivated');
    } finally {
      setBusy(undefined);
    }
  }, [dirty, save, active, flowId, saved]);

  const restoreDraft = useCallback(() => {
    if (!draftOffer) return;
    change(draftOffer.document);
    setVersion(draftOffer.baseVersion);
    setDraftOffer(undefined);
  }, [draftOffer, change]);

  const discardDraft = useCallback(() => {
    clearDraft(flowId);
    setDraftOffer(undefined);
  }, [flowId]);

  const nodeProblems = useMemo(() => problemsByNode(problems), [problems]);

  return {
    document,
    dirty,
    canUndo: history.past.length > 0,
    canRedo: history.future.length > 0,
    version,
    webhook,
    active,
    problems,
    nodeProblems,
    conflict,
    busy,
    notice,
    draftOffer,
    change,
    undo,
    redo,
    save,
    reloadTheirs,
    toggleActive,
    restoreDraft,
    discardDraft,
    setNotice,
    /** A new webhook URL from elsewhere (the URL was rotated). */
    setWebhook,
    dismissConflict: () => setConflict(false),
    dismissProblems: () => setProblems([]),
  };
}

export type FlowDocumentState = ReturnType<typeof useFlowDocument>;
