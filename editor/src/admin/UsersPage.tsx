import { useState } from 'react';
import { authApi, type Role, type UserRecord } from '../api/auth';
import { ApiError } from '../api/client';
import { useSession } from '../auth/session-context';
import { Alert, ConfirmDialog, LoadState, messageOf, PageHeader, PlusIcon, Toasts, useLoaded, useToasts } from '../components/ui';
import { NewUserDialog } from './NewUserDialog';
import { ResetPasswordDialog } from './ResetPasswordDialog';
import { UserTable } from './UserTable';
import '../account/account.css';

type OpenDialog = { kind: 'create' } | { kind: 'reset'; user: UserRecord } | { kind: 'delete'; user: UserRecord };

/** Why a change to a user failed; the last owner gets words of its own. */
function userFailure(error: unknown): string {
  if (error instanceof ApiError && error.code === 'LAST_OWNER') {
    return 'Hookflow needs at least one owner: make another user an owner first, then change or remove this one.';
  }
  return messageOf(error);
}

/** `#/admin/users` (owners): every account with its role; create, change role, reset password, delete. */
export function UsersPage() {
  const { user: me } = useSession();
  const { loaded, reload } = useLoaded(async () => (await authApi.listUsers()).users.toSorted((a, b) => a.username.localeCompare(b.username)));
  const [dialog, setDialog] = useState<OpenDialog>();
  const [failure, setFailure] = useState<string>();
  const toasts = useToasts();
  const close = () => setDialog(undefined);

  const changeRole = async (user: UserRecord, role: Role) => {
    setFailure(undefined);
    try {
      await authApi.updateUser(user.id, { role });
      toasts.show(`${user.username} is now ${role === 'owner' ? 'an' : 'a'} ${role}`);
    } catch (error) {
      setFailure(`The role of ${user.username} was not changed. ${userFailure(error)}`);
    }
    await reload();
  };

  return (
    <main className="page admin-page">
      <PageHeader
        title="Users"
        actions={
          <button type="button" className="primary" onClick={() => setDialog({ kind: 'create' })}>
            <PlusIcon /> New user
          </button>
        }
      >
        Viewers look, editors build flows and manage credentials, owners also manage users and read the audit log.
      </PageHeader>
      <div className="admin-messages">{failure && <Alert title="The change failed" onDismiss={() => setFailure(undefined)}><p>{failure}</p></Alert>}</div>
      <LoadState loaded={loaded} what="the users" onRetry={() => void reload()}>
        {(users) => (
          <UserTable
            users={users}
            myId={me.id}
            onChangeRole={(user, role) => void changeRole(user, role)}
            onResetPassword={(user) => setDialog({ kind: 'reset', user })}
            onDelete={(user) => setDialog({ kind: 'delete', user })}
          />
        )}
      </LoadState>

      {dialog?.kind === 'create' && (
        <NewUserDialog
          onCancel={close}
          onCreated={(username) => {
            close();
            toasts.show(`Created ${username}`);
            void reload();
          }}
        />
      )}
      {dialog?.kind === 'reset' && (
        <ResetPasswordDialog
          user={dialog.user}
          onCancel={close}
          onDone={() => {
            close();
            toasts.show(`New password set for ${dialog.user.username}`);
          }}
        />
      )}
      {dialog?.kind === 'delete' && (
        <ConfirmDialog
          title="Delete user?"
          confirmLabel="Delete user"
          danger
          onCancel={close}
          onConfirm={async () => {
            try {
              await authApi.deleteUser(dialog.user.id);
            } catch (error) {
              throw new Error(userFailure(error));
            }
            close();
            toasts.show(`Deleted ${dialog.user.username}`);
            await reload();
          }}
        >
          <p>
            {dialog.user.username} can no longer sign in, and their API tokens stop working at once. Their flows stay. This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
      <Toasts toasts={toasts.toasts} dismiss={toasts.dismiss} />
    </main>
  );
}
