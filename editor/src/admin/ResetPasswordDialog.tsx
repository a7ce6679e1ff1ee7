import { useId, useState, type FormEvent } from 'react';
import { authApi, type UserRecord } from '../api/auth';
import { emptyPassword, NewPasswordFields } from '../auth/NewPasswordFields';
import { newPasswordProblem } from '../auth/password-rules';
import { Dialog, useDialogAction } from '../components/ui';

/** Sets a new password for another user (who forgot theirs). */
export function ResetPasswordDialog({ user, onDone, onCancel }: { user: UserRecord; onDone: () => void; onCancel: () => void }) {
  const [password, setPassword] = useState(emptyPassword);
  const { busy, error, setError, run } = useDialogAction();
  const formId = useId();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = newPasswordProblem(password.password, password.repeated);
    if (problem) return setError(problem);
    await run(async () => {
      await authApi.updateUser(user.id, { password: password.password });
      onDone();
    });
  };
  return (
    <Dialog
      title={`Reset the password of ${user.username}`}
      onClose={onCancel}
      actions={
        <>
          <button type="button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
          <button type="submit" form={formId} className="primary" disabled={busy}>
            Set password
          </button>
        </>
      }
    >
      <form id={formId} method="post" className="dialog-form" onSubmit={submit} noValidate>
        <p>Give {user.username} the new password in person or another safe way; they can change it after signing in.</p>
        <NewPasswordFields label="New password" value={password} onChange={setPassword} />
        {error && (
          <p role="alert" className="ui-inline-error">
            {error}
          </p>
        )}
      </form>
    </Dialog>
  );
}
