import { useEffect, useSyncExternalStore } from 'react';
import { credentialsApi, type CredentialInfo } from '../api/credentials';
import { messageOf, type Loaded } from '../components/ui';

/**
 * The credentials list, shared by every part of the page that shows it (the credentials page, each
 * credential select of a node's settings), so that one created in a dialog shows everywhere.
 */
let current: Loaded<CredentialInfo[]> = { status: 'loading' };
let loading: Promise<void> | undefined;
const listeners = new Set<() => void>();

function publish(next: Loaded<CredentialInfo[]>): void {
  current = next;
  for (const listener of listeners) listener();
}

/** Fetches the list again; every component using it redraws with the answer. */
export function reloadCredentials(): Promise<void> {
  loading ??= credentialsApi
    .list()
    .then(
      ({ credentials }) => publish({ status: 'ready', value: credentials.toSorted((a, b) => a.name.localeCompare(b.name)) }),
      (error: unknown) => publish({ status: 'failed', message: messageOf(error) }),
    )
    .finally(() => {
      loading = undefined;
    });
  return loading;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The shared credentials list, loaded when the first component asks for it on this page visit. */
export function useCredentialList(): Loaded<CredentialInfo[]> {
  useEffect(() => {
    void reloadCredentials();
  }, []);
  return useSyncExternalStore(subscribe, () => current);
}
