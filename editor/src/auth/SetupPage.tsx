import { useState, type FormEvent } from 'react';
import { authApi, type SessionInfo } from '../api/auth';
import { messageOf, TextField } from '../components/ui';
import { AuthCard } from './AuthCard';
import { emptyPassword, NewPasswordFields } from './NewPasswordFields';
import { newPasswordProblem } from './password-rules';

/** Before the first account exists, without the setup link: where to find the link. */
export function SetupNeeded() {
  return (
    <AuthCard title="Set up Hookflow">
      <p>Hookflow has no account yet. The first account, the owner, is made with the setup link.</p>
      <p>
        <strong>Open the setup link that Hookflow printed when it started</strong> (in its terminal or log; it looks like{' '}
        <code>http://…/setup#token=…</code>). Or create the owner on the server with <code>hookflow user create</code>.
      </p>
    </AuthCard>
  );
}

/** `/setup#token=…`: makes the owner account with the one-time token of the setup link, then signs in. */
export function SetupPage({ token, onDone }: { token: string; onDone: (session: SessionInfo) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState(emptyPassword);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = !username.trim() ? 'Choose a username.' : newPasswordProblem(password.password, password.repeated);
    if (problem) return setFailure(problem);
    setBusy(true);
    setFailure(undefined);
    try {
      onDone(await authApi.setup(token, username.trim(), password.password));
    } catch (error) {
      setFailure(messageOf(error));
      setBusy(false);
    }
  };

  return (
    <AuthCard title="Create the owner account">
      <p>The owner manages users and sees the audit log. You will be signed in as this account.</p>
      <form method="post" className="auth-form" onSubmit={submit} noValidate>
        <TextField label="Username" value={username} onChange={setUsername} autoComplete="username" autoFocus required />
        <NewPasswordFields value={password} onChange={setPassword} />
        {failure && (
          <p role="alert" className="ui-inline-error">
            {failure}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create owner and sign in'}
        </button>
      </form>
    </AuthCard>
  );
}
