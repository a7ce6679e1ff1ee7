import type { Role, UserRecord } from '../api/auth';
import { IconButton, PencilIcon, TrashIcon } from '../components/ui';
import { RoleSelect } from './RoleSelect';

interface UserTableProps {
  users: UserRecord[];
  /** The signed-in owner, marked "you". */
  myId: string;
  onChangeRole: (user: UserRecord, role: Role) => void;
  onResetPassword: (user: UserRecord) => void;
  onDelete: (user: UserRecord) => void;
}

/** The accounts, one row each: username, role (changed in place), created, reset password and delete. */
export function UserTable({ users, myId, onChangeRole, onResetPassword, onDelete }: UserTableProps) {
  return (
    <table className="admin-table">
      <caption className="visually-hidden">Users</caption>
      <thead>
        <tr>
          <th scope="col">Username</th>
          <th scope="col">Role</th>
          <th scope="col">Created</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {users.map((user) => (
          <tr key={user.id}>
            <th scope="row">
              {user.username}
              {user.id === myId && <span className="admin-muted"> (you)</span>}
            </th>
            <td>
              <RoleSelect label={`Role of ${user.username}`} value={user.role} onChange={(role) => onChangeRole(user, role)} />
            </td>
            <td>{new Date(user.createdAt).toLocaleDateString()}</td>
            <td>
              <div className="admin-actions">
                <IconButton label={`Reset the password of ${user.username}`} icon={<PencilIcon />} onClick={() => onResetPassword(user)} />
                <IconButton label={`Delete ${user.username}`} icon={<TrashIcon />} onClick={() => onDelete(user)} />
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
