import { useState } from 'react';
import { authApi } from '../api/auth';
import { emptyPassword, NewPasswordFields } from '../auth/NewPasswordFields';
import { newPasswordProblem } from '../auth/password-rules';
import { Dialog, FormDialog, TextField, useDialogAction } from '../components/ui';

/** Changes the signed-in person's password: the current one, then the new one twice. */
export function ChangePasswordDialog({ onClose }: { onClose: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState(emptyPassword);
  const [done, setDone] = useState(false);
  const { busy, error, setError, run } = useDialogAction();

  const submit = async () => {
    const problem = !current ? 'Type your current password.' : newPasswordProblem(next.password, next.repeated);
    if (problem) return setError(problem);
    // A wrong current password answers WRONG_PASSWORD with the server's own words, shown as they are.
    await run(async () => {
      await authApi.changePassword(current, next.password);
      setDone(true);
    });
  };

  if (done) {
    return (
      <Dialog
        title="Password changed"
        onClose={onClose}
        actions={
          <button type="button" className="primary" onClick={onClose} autoFocus>
            Close
          </button>
        }
      >
        <p>Your password is changed. Use the new one next time you sign in.</p>
      </Dialog>
    );
  }
  return (
    <FormDialog title="Change password" submitLabel="Change password" busy={busy} error={error} onSubmit={submit} onCancel={onClose}>
      <TextField label="Current password" type="password" autoComplete="current-password" value={current} onChange={setCurrent} autoFocus required />
      <NewPasswordFields label="New password" value={next} onChange={setNext} />
    </FormDialog>
  );
}
