import { useCanEdit } from '../auth/session-context';
import { EmptyState, PlusIcon, UploadIcon } from '../components/ui';

/** The flows page before there is any flow: what a flow is, and the two ways to get one. */
export function NoFlows({ importing, onNewFlow, onChooseFiles }: { importing: boolean; onNewFlow: () => void; onChooseFiles: () => void }) {
  const canEdit = useCanEdit();
  return (
    <EmptyState
      title="No flows yet"
      actions={
        canEdit && (
          <>
            <button type="button" className="primary" onClick={onNewFlow}>
              <PlusIcon /> New flow
            </button>
            <button type="button" onClick={onChooseFiles} disabled={importing}>
              <UploadIcon /> Import a flow file
            </button>
          </>
        )
      }
    >
      <p>
        A flow is an automation that runs whenever another application — a shop, a form, a payment provider — calls its webhook
        URL. You build it on a canvas from steps that check, reshape and send on the data it receives.
      </p>
    </EmptyState>
  );
}
