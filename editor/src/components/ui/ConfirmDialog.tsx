import type { ReactNode } from 'react';
import { Dialog } from './Dialog';
import { useDialogAction } from './useDialogAction';

export interface ConfirmDialogProps {
  title: string;
  /** What will happen, in words the person can check (name the thing). */
  children: ReactNode;
  confirmLabel: string;
  /** Styles the confirm button as destructive. */
  danger?: boolean;
  /** May be async; while it runs the buttons are disabled, and if it throws its message shows in the dialog. */
  onConfirm: () => void | Promise<void>;
  onCancel: () => void;
}

/**
 * Asks before doing something that cannot be undone. The Cancel button has the focus at first, so
 * that pressing Enter by habit does not delete anything.
 *
 * @example
 * <ConfirmDialog title="Delete flow?" confirmLabel="Delete" danger onConfirm={remove} onCancel={close}>
 *   “Order summary” will be deleted.
 * </ConfirmDialog>
 */
export function ConfirmDialog({ title, children, confirmLabel, danger = false, onConfirm, onCancel }: ConfirmDialogProps) {
  const { busy, error, run } = useDialogAction();
  const confirm = () => run(onConfirm);
  return (
    <Dialog
      title={title}
      onClose={onCancel}
      actions={
        <>
          <button type="button" onClick={onCancel} disabled={busy} autoFocus>
            Cancel
          </button>
          <button type="button" className={danger ? 'danger-solid' : 'primary'} onClick={confirm} disabled={busy}>
            {confirmLabel}
          </button>
        </>
      }
    >
      <div>{children}</div>
      {error && (
        <p role="alert" className="ui-inline-error">
          {error}
        </p>
      )}
    </Dialog>
  );
}
