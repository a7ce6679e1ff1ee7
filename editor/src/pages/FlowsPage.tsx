import { useCallback, useMemo, useRef, useState } from 'react';
import { navigate } from '../App';
import { api, ApiError } from '../api/client';
import type { FlowProblem, FlowSummary } from '../api/types';
import { useCanEdit } from '../auth/session-context';
import { Alert, ConfirmDialog, Toasts, messageOf, useToasts } from '../components/ui';
import { DropZone } from '../flows/DropZone';
import { createFlow, duplicateFlow, exportFlow, renameFlow, setFlowActive, StaleFlowError } from '../flows/flow-actions';
import { FlowsHeader } from '../flows/FlowsHeader';
import { FlowTable } from '../flows/FlowTable';
import { ImportFailures } from '../flows/ImportFailures';
import { NameDialog } from '../flows/NameDialog';
import { NoFlows } from '../flows/NoFlows';
import { ProblemList } from '../flows/ProblemList';
import { useFileDrop } from '../flows/useFileDrop';
import { useFlowList } from '../flows/useFlowList';
import { useImportFiles } from '../flows/useImportFiles';
import '../flows/flows.css';

type OpenDialog = { kind: 'create' } | { kind: 'rename'; id: string } | { kind: 'delete'; flow: FlowSummary };

interface ActionFailure {
  title: string;
  message: string;
  problems: FlowProblem[];
}

/** `#/`: every flow with its status, last run and webhook URL; create, rename, copy, delete, import and export flows. */
export function FlowsPage() {
  const { state, lastRuns, reload, retry } = useFlowList();
  const toasts = useToasts();
  const showToast = toasts.show;
  const [dialog, setDialog] = useState<OpenDialog>();
  const [failure, setFailure] = useState<ActionFailure>();
  const [busyIds, setBusyIds] = useState<ReadonlySet<string>>(new Set());
  const fileInput = useRef<HTMLInputElement>(null);

  const flows = useMemo(() => (state.status === 'ready' ? state.flows : []), [state]);
  const taken = useMemo(() => new Set(flows.map((flow) => flow.id)), [flows]);
  const onImported = useCallback(
    (count: number) => {
      showToast(`Imported ${count} flow${count === 1 ? '' : 's'}`);
      void reload();
    },
    [showToast, reload],
  );
  const imports = useImportFiles({ taken, onImported });
  // A viewer may not import: dropped files are left to the browser, and no drop zone shows.
  const canEdit = useCanEdit();
  const dragging = useFileDrop((files) => canEdit && void imports.importFiles(files)) && canEdit;

  /** Runs a change to one flow: its row is busy meanwhile, a failure shows in the alert, the list reloads after. */
  const changeFlow = async (flow: FlowSummary, failureTitle: string, work: () => Promise<string | void>) => {
    setBusyIds((ids) => new Set(ids).add(flow.id));
    setFailure(undefined);
    try {
      const done = await work();
      if (done) showToast(done);
    } catch (error) {
      setFailure({ title: failureTitle, message: messageOf(error), problems: error instanceof ApiError ? error.problems : [] });
    } finally {
      setBusyIds((ids) => new Set([...ids].filter((id) => id !== flow.id)));
      await reload();
    }
  };

  const chooseFiles = () => fileInput.current?.click();
  const openCreate = () => setDialog({ kind: 'create' });
  const closeDialog = () => setDialog(undefined);
  const renaming = dialog?.kind === 'rename' ? flows.find((flow) => flow.id === dialog.id) : undefined;

  return (
    <main className="page flows-page">
      <FlowsHeader
        fileInput={fileInput}
        importing={imports.busy}
        onNewFlow={openCreate}
        onChooseFiles={chooseFiles}
        onFilesChosen={(files) => void imports.importFiles(files)}
      />

      <div className="flows-messages">
        {imports.busy && (
          <p role="status" className="flows-muted">
            Importing…
          </p>
        )}
        <ImportFailures failures={imports.failures} busy={imports.busy} onImportCopies={imports.importCopies} onDismiss={imports.dismiss} />
        {failure && (
          <Alert title={failure.title} onDismiss={() => setFailure(undefined)}>
            <p>{failure.message}</p>
            <ProblemList problems={failure.problems} />
          </Alert>
        )}
      </div>

      {state.status === 'loading' && (
        <p role="status" className="flows-loading">
          Loading flows…
        </p>
      )}
      {state.status === 'failed' && (
        <Alert
          title="The flows could not be loaded"
          actions={
            <button type="button" className="primary" onClick={retry}>
              Retry
            </button>
          }
        >
          <p>{state.message} Check that Hookflow is running, then press Retry.</p>
        </Alert>
      )}
      {state.status === 'ready' && flows.length === 0 && (
        <NoFlows importing={imports.busy} onNewFlow={openCreate} onChooseFiles={chooseFiles} />
      )}
      {flows.length > 0 && (
        <FlowTable
          flows={flows}
          lastRuns={lastRuns}
          busyIds={busyIds}
          onToggleActive={(flow, active) =>
            changeFlow(flow, `“${flow.name}” could not be ${active ? 'activated' : 'deactivated'}`, async () => {
              await setFlowActive(flow.id, active);
              if (!flow.webhook) return `“${flow.name}” ${active ? 'is active: it starts when a flow it watches fails' : 'is inactive: it no longer starts on failures'}`;
              return active ? `“${flow.name}” is active: its webhook URL answers now` : `“${flow.name}” is inactive: its webhook URL no longer answers`;
            })
          }
          onRename={(flow) => setDialog({ kind: 'rename', id: flow.id })}
          onDuplicate={(flow) =>
            changeFlow(flow, `“${flow.name}” could not be duplicated`, async () => {
              const copy = await duplicateFlow(flow.id, taken);
              return `Created “${copy.flow.name}”`;
            })
          }
          onExport={(flow) => changeFlow(flow, `“${flow.name}” could not be exported`, () => exportFlow(flow.id))}
          onDelete={(flow) => setDialog({ kind: 'delete', flow })}
        />
      )}

      {dialog?.kind === 'create' && (
        <NameDialog
          title="New flow"
          submitLabel="Create flow"
          hint="For example “New order → CRM”. You can change it later."
          onCancel={closeDialog}
          onSubmit={async (name) => navigate({ page: 'flow', flowId: await createFlow(name, taken) })}
        />
      )}
      {renaming && (
        <NameDialog
          title="Rename flow"
          submitLabel="Rename"
          initialName={renaming.name}
          onCancel={closeDialog}
          onSubmit={async (name) => {
            try {
              await renameFlow(renaming, name);
            } catch (error) {
              if (error instanceof StaleFlowError) await reload();
              throw error;
            }
            closeDialog();
            showToast(`Renamed to “${name}”`);
            await reload();
          }}
        />
      )}
      {dialog?.kind === 'delete' && (
        <ConfirmDialog
          title="Delete flow?"
          confirmLabel="Delete flow"
          danger
          onCancel={closeDialog}
          onConfirm={async () => {
            await api.deleteFlow(dialog.flow.id);
            closeDialog();
            showToast(`Deleted “${dialog.flow.name}”`);
            await reload();
          }}
        >
          <p>
            “{dialog.flow.name}” will be deleted{dialog.flow.webhook ? ' and its webhook URL will stop answering' : ''}. This cannot be undone; export the flow
            first if you may need it again.
          </p>
        </ConfirmDialog>
      )}

      {dragging && <DropZone />}
      <Toasts toasts={toasts.toasts} dismiss={toasts.dismiss} />
    </main>
  );
}
