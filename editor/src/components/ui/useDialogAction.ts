import { useState } from 'react';
import { messageOf } from './message-of';

/**
 * A dialog's main action: `busy` while it runs (disable the buttons), and `error` with its
 * message when it throws, the dialog staying open. `setError` shows a message of the dialog's own.
 *
 * @example
 * const { busy, error, run } = useDialogAction();
 * <button disabled={busy} onClick={() => run(save)}>Save</button>
 */
export function useDialogAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const run = async (action: () => void | Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (failure) {
      setError(messageOf(failure));
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}
