import type { ApiToken } from '../api/auth';
import { EmptyState, IconButton, TrashIcon } from '../components/ui';
import { timeAgo } from '../flows/relative-time';
import { useNow } from '../flows/useNow';

/** The tokens, one row each: name, prefix, created, last used, and a revoke button. */
export function TokenTable({ tokens, onRevoke }: { tokens: ApiToken[]; onRevoke: (token: ApiToken) => void }) {
  const now = useNow();
  if (tokens.length === 0) {
    return (
      <EmptyState title="No API tokens">
        <p>Create a token to call the API from a script or the command line.</p>
      </EmptyState>
    );
  }
  const when = (at: string | null | undefined) =>
    at ? (
      <time dateTime={at} title={new Date(at).toLocaleString()}>
        {timeAgo(new Date(at), now)}
      </time>
    ) : (
      <span className="admin-muted">Never</span>
    );
  return (
    <table className="admin-table">
      <caption className="visually-hidden">Your API tokens</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Starts with</th>
          <th scope="col">Created</th>
          <th scope="col">Last used</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((token) => (
          <tr key={token.id}>
            <th scope="row">{token.name}</th>
            <td>
              <code>{token.prefix}…</code>
            </td>
            <td>{when(token.createdAt)}</td>
            <td>{when(token.lastUsedAt)}</td>
            <td>
              <div className="admin-actions">
                <IconButton label={`Revoke ${token.name}`} icon={<TrashIcon />} onClick={() => onRevoke(token)} />
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
