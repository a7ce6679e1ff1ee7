import { useId, useState, type FormEvent } from 'react';
import { authApi, type Role } from '../api/auth';
import { emptyPassword, NewPasswordFields } from '../auth/NewPasswordFields';
import { newPasswordProblem } from '../auth/password-rules';
import { Dialog, TextField, useDialogAction } from '../components/ui';
import { RoleSelect } from './RoleSelect';
import { roles } from './roles';

/** Creates an account: username, first password (to hand over; they can change it) and role. */
export function NewUserDialog({ onCreated, onCancel }: { onCreated: (username: string) => void; onCancel: () => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState(emptyPassword);
  const [role, setRole] = useState<Role>('editor');
  const { busy, error, setError, run } = useDialogAction();
  const formId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = !username.trim() ? 'Choose a username.' : newPasswordProblem(password.password, password.repeated);
    if (problem) return setError(problem);
    await run(async () => {
      await authApi.createUser(username.trim(), password.password, role);
      onCreated(username.trim());
    });
  };

  return (
    <Dialog
      title="New user"
      onClose={onCancel}
      actions={
        <>
          <button type="button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
          <button type="submit" form={formId} className="primary" disabled={busy}>
            Create user
          </button>
        </>
      }
    >
      <form id={formId} method="post" className="dialog-form" onSubmit={submit} noValidate>
        <TextField label="Username" value={username} onChange={setUsername} autoComplete="off" autoFocus required />
        <NewPasswordFields value={password} onChange={setPassword} />
        <div className="ui-field">
          <label htmlFor={`${formId}-role`}>Role</label>
          <RoleSelect id={`${formId}-role`} value={role} onChange={setRole} />
          <p className="ui-field-hint">{roles.find((option) => option.role === role)?.can}</p>
        </div>
        {error && (
          <p role="alert" className="ui-inline-error">
            {error}
          </p>
        )}
      </form>
    </Dialog>
  );
}
