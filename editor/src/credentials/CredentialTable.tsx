import type { CredentialInfo } from '../api/credentials';
import { EmptyState, IconButton, PencilIcon, TrashIcon } from '../components/ui';
import { timeAgo } from '../flows/relative-time';
import { useNow } from '../flows/useNow';
import { credentialForms } from './credential-forms';

interface CredentialTableProps {
  credentials: CredentialInfo[];
  /** Viewers see the list without the update and delete buttons. */
  canEdit: boolean;
  onUpdate: (credential: CredentialInfo) => void;
  onDelete: (credential: CredentialInfo) => void;
}

/** The credentials, one row each: name, type, description, which fields are set (never their values), last update. */
export function CredentialTable({ credentials, canEdit, onUpdate, onDelete }: CredentialTableProps) {
  const now = useNow();
  if (credentials.length === 0) {
    return (
      <EmptyState title="No credentials yet">
        <p>Store a webhook sender’s signing secret, an API key or a mail account here, then choose it by name in a node’s settings.</p>
      </EmptyState>
    );
  }
  return (
    <table className="admin-table">
      <caption className="visually-hidden">Credentials</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Type</th>
          <th scope="col">Description</th>
          <th scope="col">Fields set</th>
          <th scope="col">Updated</th>
          {canEdit && (
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {credentials.map((credential) => {
          const form = credentialForms[credential.type];
          const labelOf = (field: string) => form?.fields.find((candidate) => candidate.name === field)?.label ?? field;
          return (
            <tr key={credential.name}>
              <th scope="row">
                <code>{credential.name}</code>
              </th>
              <td>{form?.label ?? credential.type}</td>
              <td>{credential.description ?? <span className="admin-muted">—</span>}</td>
              <td>{credential.fields.map(labelOf).join(', ')}</td>
              <td>
                <time dateTime={credential.updatedAt} title={new Date(credential.updatedAt).toLocaleString()}>
                  {timeAgo(new Date(credential.updatedAt), now)}
                </time>
              </td>
              {canEdit && (
                <td>
                  <div className="admin-actions">
                    <IconButton label={`Update ${credential.name}`} icon={<PencilIcon />} onClick={() => onUpdate(credential)} />
                    <IconButton label={`Delete ${credential.name}`} icon={<TrashIcon />} onClick={() => onDelete(credential)} />
                  </div>
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
