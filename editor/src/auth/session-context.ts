import { createContext, useContext } from 'react';
import type { User } from '../api/auth';

/** The signed-in person, what their role allows, and signing out; provided by SessionGate. */
export interface Session {
  user: User;
  /** Editors and owners change flows and credentials; viewers only look. */
  canEdit: boolean;
  isOwner: boolean;
  signOut(): Promise<void>;
}

export const SessionContext = createContext<Session | undefined>(undefined);

/** The session of the page; every page under SessionGate has one. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession is used outside SessionGate.');
  return session;
}

/**
 * Whether the signed-in person may change things (false for a viewer). Outside SessionGate (a test
 * harness drawing one panel) it answers true: the server enforces roles either way.
 */
export const useCanEdit = (): boolean => useContext(SessionContext)?.canEdit ?? true;
