import { useId, useState } from 'react';
import { authApi, type Role } from '../api/auth';
import { emptyPassword, NewPasswordFields } from '../auth/NewPasswordFields';
import { newPasswordProblem } from '../auth/password-rules';
import { FormDialog, TextField, useDialogAction } from '../components/ui';
import { RoleSelect } from './RoleSelect';
import { roles } from './roles';

/** Creates an account: username, first password (to hand over; they can change it) and role. */
export function NewUserDialog({ onCreated, onCancel }: { onCreated: (username: string) => void; onCancel: () => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState(emptyPassword);
  const [role, setRole] = useState<Role>('editor');
  const { busy, error, setError, run } = useDialogAction();
  const roleId = useId();

  const submit = async () => {
    const problem = !username.trim() ? 'Choose a username.' : newPasswordProblem(password.password, password.repeated);
    if (problem) return setError(problem);
    await run(async () => {
      await authApi.createUser(username.trim(), password.password, role);
      onCreated(username.trim());
    });
  };

  return (
    <FormDialog title="New user" submitLabel="Create user" busy={busy} error={error} onSubmit={submit} onCancel={onCancel}>
      <TextField label="Username" value={username} onChange={setUsername} autoFocus required />
      <NewPasswordFields value={password} onChange={setPassword} />
      <div className="ui-field">
        <label htmlFor={roleId}>Role</label>
        <RoleSelect id={roleId} value={role} onChange={setRole} />
        <p className="ui-field-hint">{roles.find((option) => option.role === role)?.can}</p>
      </div>
    </FormDialog>
  );
}
