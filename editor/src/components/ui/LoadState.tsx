import type { ReactNode } from 'react';
import { Alert } from './Alert';
import type { Loaded } from './useLoaded';

/**
 * What a page shows for something it loads: "Loading…", the failure with a Retry button, or
 * `children` with the value.
 *
 * @example
 * <LoadState loaded={loaded} what="the tokens" onRetry={reload}>{(tokens) => <TokenTable tokens={tokens} />}</LoadState>
 */
export function LoadState<T>({ loaded, what, onRetry, children }: { loaded: Loaded<T>; what: string; onRetry: () => void; children: (value: T) => ReactNode }) {
  if (loaded.status === 'loading') return <p role="status">Loading {what}…</p>;
  if (loaded.status === 'failed') {
    return (
      <Alert
        title={`${what[0]!.toUpperCase()}${what.slice(1)} could not be loaded`}
        actions={
          <button type="button" className="primary" onClick={onRetry}>
            Retry
          </button>
        }
      >
        <p>{loaded.message}</p>
      </Alert>
    );
  }
  return <>{children(loaded.value)}</>;
}
