import { useState, type FormEvent } from 'react';
import { authApi, type SessionInfo } from '../api/auth';
import { TextField } from '../components/ui';
import { AuthCard } from './AuthCard';
import { loginFailureMessage } from './login-failure';

/**
 * The sign-in form. The password goes only into the POST body (never the address or the
 * browser's storage); on success the page the person was on opens again.
 */
export function LoginPage({ ended, onSignedIn }: { ended: boolean; onSignedIn: (session: SessionInfo) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!username.trim() || !password) return setFailure('Type your username and your password.');
    setBusy(true);
    setFailure(undefined);
    try {
      onSignedIn(await authApi.login(username.trim(), password));
    } catch (error) {
      setFailure(loginFailureMessage(error));
      setPassword('');
      setBusy(false);
    }
  };

  return (
    <AuthCard title="Sign in">
      {ended && <p className="auth-note">Your session has ended. Sign in again to continue where you were.</p>}
      <form method="post" className="auth-form" onSubmit={submit} noValidate>
        <TextField label="Username" value={username} onChange={setUsername} autoComplete="username" autoFocus required />
        <TextField label="Password" type="password" value={password} onChange={setPassword} autoComplete="current-password" required />
        {failure && (
          <p role="alert" className="ui-inline-error">
            {failure}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </AuthCard>
  );
}
