import { useId } from 'react';
import type { CredentialFieldForm } from './credential-forms';

interface CredentialFieldInputProps {
  field: CredentialFieldForm;
  value: string;
  /** On update: whether the field has a stored value (blank keeps it). Undefined when creating. */
  stored: boolean | undefined;
  onChange: (value: string) => void;
  /** An optional stored field marked to be removed on save (a previous secret once rotation is over). */
  removed: boolean;
  onRemovedChange: (removed: boolean) => void;
}

/** One credential field: a password input for a secret, text, number, or a yes/no select (with "keep" on update). */
export function CredentialFieldInput({ field, value, stored, onChange, removed, onRemovedChange }: CredentialFieldInputProps) {
  const id = useId();
  const updating = stored !== undefined;
  const placeholder = updating ? (stored ? 'Stored: leave blank to keep' : 'Not set') : undefined;
  const hint = [field.hint, !updating && !field.required ? 'Optional.' : undefined].filter(Boolean).join(' ');
  return (
    <div className="ui-field">
      <label htmlFor={id}>{field.label}</label>
      {field.kind === 'boolean' ? (
        <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
          <option value="">{updating ? 'Keep the stored value' : 'No'}</option>
          <option value="true">Yes</option>
          {updating && <option value="false">No</option>}
        </select>
      ) : (
        <input
          id={id}
          type={field.kind === 'secret' ? 'password' : field.kind === 'number' ? 'number' : 'text'}
          autoComplete={field.kind === 'secret' ? 'new-password' : 'off'}
          spellCheck={false}
          value={value}
          disabled={removed}
          placeholder={placeholder}
          required={!updating && field.required}
          onChange={(event) => onChange(event.target.value)}
          aria-describedby={hint ? `${id}-hint` : undefined}
        />
      )}
      {stored && !field.required && (
        <label className="ui-checkbox">
          <input type="checkbox" checked={removed} onChange={(event) => onRemovedChange(event.target.checked)} /> Remove the stored {field.label.toLowerCase()}
        </label>
      )}
      {hint && (
        <p id={`${id}-hint`} className="ui-field-hint">
          {hint}
        </p>
      )}
    </div>
  );
}
