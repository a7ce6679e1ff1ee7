import { useState } from 'react';
import { authApi, type AuditEvent } from '../api/auth';
import { Alert, EmptyState, messageOf, PageHeader, useLoaded } from '../components/ui';
import { AuditTable } from './AuditTable';
import '../account/account.css';

const pageSize = 50;

/** `#/admin/audit` (owners): sign-ins, flow, credential, token and user changes, newest first; "Older events" pages back. */
export function AuditPage() {
  const [older, setOlder] = useState<AuditEvent[]>([]);
  const [exhausted, setExhausted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const { loaded, reload } = useLoaded(async () => {
    const { events } = await authApi.audit(pageSize);
    setOlder([]);
    setExhausted(events.length < pageSize);
    return events;
  });
  const events = loaded.status === 'ready' ? [...loaded.value, ...older] : [];

  const loadOlder = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      const page = (await authApi.audit(pageSize, events.at(-1)?.id)).events;
      setOlder((current) => [...current, ...page]);
      setExhausted(page.length < pageSize);
    } catch (error) {
      setFailure(messageOf(error));
    }
    setBusy(false);
  };

  return (
    <main className="page admin-page">
      <PageHeader
        title="Audit log"
        actions={
          <button type="button" onClick={() => void reload()}>
            Refresh
          </button>
        }
      >
        Who signed in (or failed to), and who changed flows, credentials, tokens and users, from which address.
      </PageHeader>
      {loaded.status === 'loading' && <p role="status">Loading the audit log…</p>}
      {loaded.status === 'failed' && <Alert title="The audit log could not be loaded"><p>{loaded.message}</p></Alert>}
      {loaded.status === 'ready' && events.length === 0 && (
        <EmptyState title="Nothing recorded yet">
          <p>Sign-ins and changes appear here as they happen.</p>
        </EmptyState>
      )}
      {events.length > 0 && <AuditTable events={events} />}
      {failure && <Alert title="Older events could not be loaded" onDismiss={() => setFailure(undefined)}><p>{failure}</p></Alert>}
      {events.length > 0 && !exhausted && (
        <p>
          <button type="button" onClick={() => void loadOlder()} disabled={busy}>
            {busy ? 'Loading…' : 'Older events'}
          </button>
        </p>
      )}
    </main>
  );
}
