import { useState } from 'react';
import { hrefOf } from '../../App';
import type { CredentialType } from '../../api/credentials';
import { useCanEdit } from '../../auth/session-context';
import { credentialForms } from '../../credentials/credential-forms';
import { CredentialDialog } from '../../credentials/CredentialDialog';
import { reloadCredentials, useCredentialList } from '../../credentials/useCredentialList';
import { domId, type FieldProps } from './field-context';
import { describedByOf, FieldShell } from './FieldShell';

/** The select's value of its "Create credential…" entry; a credential name cannot start with "<". */
const createEntry = '<create>';

/**
 * A field that names a credential (`widget: 'credential'`): a select of the stored credentials of
 * the types it accepts, and "Create credential…", which opens the create dialog with the type
 * chosen and selects the new credential.
 */
export function CredentialField({ schema, value, onChange, label, required, path, idBase, problems }: FieldProps) {
  const canEdit = useCanEdit();
  const list = useCredentialList();
  const [creating, setCreating] = useState(false);
  const id = domId(idBase, path);
  const types = (schema.credentialTypes ?? []).filter((type): type is CredentialType => type in credentialForms);
  const matching = list.status === 'ready' ? list.value.filter((credential) => types.length === 0 || types.includes(credential.type)) : [];
  const name = typeof value === 'string' ? value : '';
  const missing = name !== '' && list.status === 'ready' && !matching.some((credential) => credential.name === name);
  const fieldProblems = [...(problems.get(path) ?? []), ...(missing ? [`No credential “${name}” of a fitting type is stored: choose or create one.`] : [])];
  const typeNames = types.map((type) => credentialForms[type].label).join(' or ');
  const description = [schema.description, typeNames && `Takes a credential of type ${typeNames}.`].filter(Boolean).join(' ');

  return (
    <FieldShell id={id} label={label} required={required} description={description} problems={fieldProblems}>
      <select
        id={id}
        value={name}
        required={required}
        aria-describedby={describedByOf(id, description, fieldProblems)}
        aria-invalid={fieldProblems.length ? true : undefined}
        onChange={(event) => {
          if (event.target.value === createEntry) setCreating(true);
          else onChange(event.target.value || undefined);
        }}
      >
        <option value="">{list.status === 'loading' ? 'Loading credentials…' : 'Choose a credential…'}</option>
        {missing && <option value={name}>{name} (missing)</option>}
        {matching.map((credential) => (
          <option key={credential.name} value={credential.name}>
            {credential.name}
            {credential.description ? ` — ${credential.description}` : ''}
          </option>
        ))}
        {canEdit && <option value={createEntry}>Create credential…</option>}
      </select>
      {list.status === 'failed' && (
        <p className="field-error">
          The credentials could not be loaded ({list.message}). See the <a href={hrefOf({ page: 'credentials' })}>Credentials page</a>.
        </p>
      )}
      {creating && (
        <CredentialDialog
          mode={{ kind: 'create', types }}
          onCancel={() => setCreating(false)}
          onSaved={(credential) => {
            setCreating(false);
            onChange(credential.name);
            void reloadCredentials();
          }}
        />
      )}
    </FieldShell>
  );
}
