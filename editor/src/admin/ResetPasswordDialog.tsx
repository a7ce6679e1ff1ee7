import { useState } from 'react';
import { authApi, type UserRecord } from '../api/auth';
import { emptyPassword, NewPasswordFields } from '../auth/NewPasswordFields';
import { newPasswordProblem } from '../auth/password-rules';
import { FormDialog, useDialogAction } from '../components/ui';

/** Sets a new password for another user (who forgot theirs); the server signs them out everywhere. */
export function ResetPasswordDialog({ user, onDone, onCancel }: { user: UserRecord; onDone: () => void; onCancel: () => void }) {
  const [password, setPassword] = useState(emptyPassword);
  const { busy, error, setError, run } = useDialogAction();
  const submit = async () => {
    const problem = newPasswordProblem(password.password, password.repeated);
    if (problem) return setError(problem);
    await run(async () => {
      await authApi.updateUser(user.id, { password: password.password });
      onDone();
    });
  };
  return (
    <FormDialog title={`Reset the password of ${user.username}`} submitLabel="Set password" busy={busy} error={error} onSubmit={submit} onCancel={onCancel}>
      <p>Give {user.username} the new password in person or another safe way; they can change it after signing in.</p>
      <NewPasswordFields label="New password" value={password} onChange={setPassword} />
    </FormDialog>
  );
}
