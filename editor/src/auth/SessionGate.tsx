import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { authApi, type SessionInfo } from '../api/auth';
import { ApiError, linkSession } from '../api/client';
import { messageOf } from '../components/ui';
import { unsavedWork } from '../leave-guard';
import { isSetupPath, setupTokenOf } from './password-rules';
import { SessionContext, type Session } from './session-context';
import { LoginPage } from './LoginPage';
import { SetupNeeded, SetupPage } from './SetupPage';
import { Unreachable } from './Unreachable';
import './auth.css';

type GateState =
  | { kind: 'checking' }
  | { kind: 'signed-in'; session: SessionInfo }
  | { kind: 'sign-in'; ended: boolean }
  | { kind: 'setup'; token: string }
  | { kind: 'setup-needed' }
  | { kind: 'unreachable'; message: string };

/**
 * Shows its children only to a signed-in person. On load it asks for the session; without one it
 * shows the sign-in form, or, before the first account exists, the setup page. A call that answers
 * 401 later (the session expired) brings the sign-in form back; the address stays, so signing in
 * returns to the same page.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const [state, setState] = useState<GateState>({ kind: 'checking' });

  const signedIn = useCallback((session: SessionInfo) => {
    linkSession({
      csrfToken: session.csrfToken,
      role: session.user.role,
      onUnauthenticated: () => setState({ kind: 'sign-in', ended: true }),
      // An owner may have changed this person's role meanwhile: read it again, so the pages follow it.
      onForbidden: () =>
        void authApi.session().then(
          (current) => current.user.role !== session.user.role && signedIn(current),
          () => undefined,
        ),
    });
    // The setup token has been used: take it out of the address and the history.
    if (isSetupPath(window.location.pathname)) window.history.replaceState(null, '', '/#/');
    setState({ kind: 'signed-in', session });
  }, []);

  const check = useCallback(async () => {
    setState({ kind: 'checking' });
    try {
      signedIn(await authApi.session());
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) return setState({ kind: 'unreachable', message: messageOf(error) });
      try {
        const { setupRequired } = await authApi.status();
        const token = setupTokenOf(window.location.hash);
        if (setupRequired) return setState(token && isSetupPath(window.location.pathname) ? { kind: 'setup', token } : { kind: 'setup-needed' });
        if (isSetupPath(window.location.pathname)) window.history.replaceState(null, '', '/#/');
        setState({ kind: 'sign-in', ended: false });
      } catch (statusError) {
        setState({ kind: 'unreachable', message: messageOf(statusError) });
      }
    }
  }, [signedIn]);

  useEffect(() => {
    void check();
  }, [check]);

  const session = useMemo<Session | undefined>(() => {
    if (state.kind !== 'signed-in') return undefined;
    const { user } = state.session;
    return {
      user,
      canEdit: user.role !== 'viewer',
      isOwner: user.role === 'owner',
      async signOut() {
        const question = unsavedWork();
        if (question && !window.confirm(question)) return;
        await authApi.logout().catch(() => undefined);
        linkSession({});
        setState({ kind: 'sign-in', ended: false });
      },
    };
  }, [state]);

  switch (state.kind) {
    case 'checking':
      return (
        <main className="page auth-page" aria-busy="true">
          <p role="status">Loading…</p>
        </main>
      );
    case 'unreachable':
      return <Unreachable message={state.message} onRetry={() => void check()} />;
    case 'setup':
      return <SetupPage token={state.token} onDone={signedIn} />;
    case 'setup-needed':
      return <SetupNeeded />;
    case 'sign-in':
      return <LoginPage ended={state.ended} onSignedIn={signedIn} />;
    case 'signed-in':
      return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
  }
}
