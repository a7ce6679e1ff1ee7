import { useId, useState } from 'react';
import { credentialsApi, type CredentialInfo, type CredentialType } from '../api/credentials';
import { FormDialog, TextField, useDialogAction } from '../components/ui';
import { credentialDataOf, credentialForms, credentialNamePattern, credentialTypes, type TypedFields } from './credential-forms';
import { CredentialFieldInput } from './CredentialFieldInput';

export type CredentialDialogMode =
  /** A new credential; `types` limits the choice (a node field that takes only some types), the first is preselected. */
  | { kind: 'create'; types?: CredentialType[] }
  | { kind: 'update'; credential: CredentialInfo };

interface CredentialDialogProps {
  mode: CredentialDialogMode;
  onSaved: (credential: CredentialInfo) => void;
  onCancel: () => void;
}

/**
 * Creates a credential, or replaces fields of one. Values are typed into empty fields and never
 * shown back: on update, a field left blank keeps its stored value.
 */
export function CredentialDialog({ mode, onSaved, onCancel }: CredentialDialogProps) {
  const existing = mode.kind === 'update' ? mode.credential : undefined;
  const choices = mode.kind === 'create' ? (mode.types?.length ? mode.types : credentialTypes) : [mode.credential.type];
  const [name, setName] = useState('');
  const [type, setType] = useState<CredentialType>(choices[0]!);
  const [description, setDescription] = useState(existing?.description ?? '');
  const [typed, setTyped] = useState<TypedFields>({});
  const [removed, setRemoved] = useState<ReadonlySet<string>>(new Set());
  const { busy, error, setError, run } = useDialogAction();
  const typeId = useId();
  const form = credentialForms[type];

  const submit = async () => {
    if (!existing && !credentialNamePattern.test(name)) {
      return setError('Name it with letters, digits, “.”, “_” or “-” (up to 64, starting with a letter or digit), for example github-orders.');
    }
    const result = credentialDataOf(type, typed, !existing, removed);
    if ('problem' in result) return setError(result.problem);
    await run(async () => {
      const saved = existing
        ? await credentialsApi.update(existing.name, { description, data: result.data })
        : await credentialsApi.create({ name, type, ...(description ? { description } : {}), data: result.data });
      setTyped({});
      onSaved(saved);
    });
  };

  return (
    <FormDialog
      title={existing ? `Update credential “${existing.name}”` : 'New credential'}
      submitLabel={existing ? 'Save credential' : 'Create credential'}
      busy={busy}
      error={error}
      onSubmit={submit}
      onCancel={onCancel}
    >
      {existing ? (
        <p>
          Values are never shown again. <strong>Leave a field blank to keep its stored value</strong>; type into it to replace it.
        </p>
      ) : (
        <TextField label="Name" value={name} onChange={setName} autoFocus required hint="Flows refer to the credential by this name; it cannot be changed later." />
      )}
      {!existing && (
        <div className="ui-field">
          <label htmlFor={typeId}>Type</label>
          <select
            id={typeId}
            value={type}
            onChange={(event) => {
              setType(event.target.value as CredentialType);
              setTyped({});
            }}
          >
            {choices.map((choice) => (
              <option key={choice} value={choice}>
                {credentialForms[choice].label}
              </option>
            ))}
          </select>
          <p className="ui-field-hint">{form.description}</p>
        </div>
      )}
      <TextField label="Description" value={description} onChange={setDescription} maxLength={500} hint="Optional: what it is for, where it comes from." />
      {form.fields.map((field) => (
        <CredentialFieldInput
          key={`${type}-${field.name}`}
          field={field}
          value={typed[field.name] ?? ''}
          stored={existing ? existing.fields.includes(field.name) : undefined}
          onChange={(value) => setTyped({ ...typed, [field.name]: value })}
          removed={removed.has(field.name)}
          onRemovedChange={(remove) => setRemoved(new Set([...removed].filter((name) => name !== field.name).concat(remove ? [field.name] : [])))}
        />
      ))}
    </FormDialog>
  );
}
