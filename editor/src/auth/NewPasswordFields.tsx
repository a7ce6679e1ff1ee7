import { minPasswordLength } from '../api/auth';
import { TextField } from '../components/ui';

export interface NewPassword {
  password: string;
  repeated: string;
}

/** A new password typed twice (setup, change password, reset a user's password). */
export function NewPasswordFields({ value, onChange, label = 'Password' }: { value: NewPassword; onChange: (value: NewPassword) => void; label?: string }) {
  return (
    <>
      <TextField
        label={label}
        type="password"
        autoComplete="new-password"
        value={value.password}
        onChange={(password) => onChange({ ...value, password })}
        hint={`At least ${minPasswordLength} characters. A few unrelated words make a long password that is easy to remember.`}
        required
      />
      <TextField label={`${label} again`} type="password" autoComplete="new-password" value={value.repeated} onChange={(repeated) => onChange({ ...value, repeated })} required />
    </>
  );
}

export const emptyPassword: NewPassword = { password: '', repeated: '' };
