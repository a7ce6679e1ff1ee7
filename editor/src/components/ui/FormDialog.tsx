import { useId, type ReactNode } from 'react';
import { Dialog } from './Dialog';
import './ui.css';

export interface FormDialogProps {
  title: string;
  submitLabel: string;
  /** Disables both buttons while the submit runs. */
  busy: boolean;
  /** Shown under the fields (`role="alert"`); `errorId` lets a field point at it with `aria-describedby`. */
  error?: string;
  errorId?: string;
  /** Called on the submit button or Enter; the browser's own submit (a page load) never happens. */
  onSubmit: () => void | Promise<void>;
  onCancel: () => void;
  /** The form's class; `dialog-form` (a column of fields) unless given. */
  className?: string;
  children: ReactNode;
}

/**
 * A dialog holding a form: Cancel and a primary submit button along the bottom, the error under
 * the fields. Pair it with useDialogAction for `busy` and `error`.
 *
 * @example
 * const { busy, error, run } = useDialogAction();
 * <FormDialog title="New user" submitLabel="Create user" busy={busy} error={error} onSubmit={() => run(create)} onCancel={close}>
 *   <TextField label="Username" value={name} onChange={setName} />
 * </FormDialog>
 */
export function FormDialog({ title, submitLabel, busy, error, errorId, onSubmit, onCancel, className = 'dialog-form', children }: FormDialogProps) {
  const formId = useId();
  return (
    <Dialog
      title={title}
      onClose={onCancel}
      actions={
        <>
          <button type="button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
          <button type="submit" form={formId} className="primary" disabled={busy}>
            {submitLabel}
          </button>
        </>
      }
    >
      <form
        id={formId}
        method="post"
        className={className}
        noValidate
        autoComplete="off"
        onSubmit={(event) => {
          event.preventDefault();
          void onSubmit();
        }}
      >
        {children}
        {error && (
          <p id={errorId} role="alert" className="ui-inline-error">
            {error}
          </p>
        )}
      </form>
    </Dialog>
  );
}
