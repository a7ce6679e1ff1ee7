import { useId, useState, type FormEvent } from 'react';
import { authApi } from '../api/auth';
import { emptyPassword, NewPasswordFields } from '../auth/NewPasswordFields';
import { newPasswordProblem } from '../auth/password-rules';
import { Dialog, TextField, useDialogAction } from '../components/ui';

/** Changes the signed-in person's password: the current one, then the new one twice. */
export function ChangePasswordDialog({ onClose }: { onClose: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState(emptyPassword);
  const [done, setDone] = useState(false);
  const { busy, error, setError, run } = useDialogAction();
  const formId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
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
      <Dialog title="Password changed" onClose={onClose} actions={<button type="button" className="primary" onClick={onClose} autoFocus>Close</button>}>
        <p>Your password is changed. Use the new one next time you sign in.</p>
      </Dialog>
    );
  }
  return (
    <Dialog
      title="Change password"
      onClose={onClose}
      actions={
        <>
          <button type="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" form={formId} className="primary" disabled={busy}>
            Change password
          </button>
        </>
      }
    >
      <form id={formId} method="post" className="dialog-form" onSubmit={submit} noValidate>
        <TextField label="Current password" type="password" autoComplete="current-password" value={current} onChange={setCurrent} autoFocus required />
        <NewPasswordFields label="New password" value={next} onChange={setNext} />
        {error && (
          <p role="alert" className="ui-inline-error">
            {error}
          </p>
        )}
      </form>
    </Dialog>
  );
}
