import { Alert } from '../components/ui';

/** The server did not answer the session check: why, and a button to ask again. */
export function Unreachable({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <main className="page auth-page">
      <Alert
        title="Hookflow cannot be reached"
        actions={
          <button type="button" className="primary" onClick={onRetry}>
            Retry
          </button>
        }
      >
        <p>{message}</p>
      </Alert>
    </main>
  );
}
