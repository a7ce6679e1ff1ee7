import { useId, useState } from 'react';
import { FormDialog, useDialogAction } from '../components/ui';
import { maxNameLength } from './new-flows';

interface NameDialogProps {
  title: string;
  submitLabel: string;
  initialName?: string;
  /** Help under the field. */
  hint?: string;
  /** The field's label; a flow's name unless said otherwise. */
  fieldLabel?: string;
  maxLength?: number;
  /** Shown when the field is left empty. */
  requiredMessage?: string;
  /** May be async; if it throws, its message shows in the dialog and the dialog stays open. */
  onSubmit: (name: string) => void | Promise<void>;
  onCancel: () => void;
}

/** Asks for a name: a flow's (new flow, rename) unless `fieldLabel` says otherwise (an API token's). */
export function NameDialog(props: NameDialogProps) {
  const { title, submitLabel, initialName = '', hint, onSubmit, onCancel } = props;
  const { fieldLabel = 'Flow name', maxLength = maxNameLength, requiredMessage = 'Give the flow a name.' } = props;
  const [name, setName] = useState(initialName);
  const { busy, error, setError, run } = useDialogAction();
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();

  const submit = async () => {
    const trimmed = name.trim();
    if (trimmed === '') {
      setError(requiredMessage);
      return;
    }
    await run(() => onSubmit(trimmed));
  };

  return (
    <FormDialog title={title} submitLabel={submitLabel} busy={busy} error={error} errorId={errorId} onSubmit={submit} onCancel={onCancel} className="flows-name-form">
      <label htmlFor={inputId}>{fieldLabel}</label>
      <input
        id={inputId}
        value={name}
        maxLength={maxLength}
        autoFocus
        onFocus={(event) => event.target.select()}
        onChange={(event) => setName(event.target.value)}
        aria-invalid={error !== undefined}
        aria-describedby={[hint ? hintId : '', error ? errorId : ''].join(' ').trim() || undefined}
      />
      {hint && (
        <p id={hintId} className="flows-hint">
          {hint}
        </p>
      )}
    </FormDialog>
  );
}
