import { useCallback, useEffect, useRef } from 'react';

/**
 * Calls `poll` now and then `intervalMs` after each call settles, only while the browser tab is
 * visible: a hidden tab stops polling and polls at once when it is shown again. Answers a function
 * that polls at once (after the call in flight, if any), for when the caller knows something changed.
 */
export function usePolling(poll: (signal: AbortSignal) => Promise<void>, intervalMs: number, deps: readonly unknown[]): () => void {
  const latest = useRef(poll);
  const pollNow = useRef<() => void>(() => undefined);
  useEffect(() => {
    latest.current = poll;
  });

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let inFlight = false;
    let again = false;
    const tick = async () => {
      clearTimeout(timer);
      timer = undefined;
      if (document.visibilityState !== 'visible') return;
      if (inFlight) {
        again = true;
        return;
      }
      inFlight = true;
      try {
        await latest.current(controller.signal);
      } finally {
        inFlight = false;
        if (!controller.signal.aborted && document.visibilityState === 'visible') timer = setTimeout(tick, again ? 0 : intervalMs);
        again = false;
      }
    };
    pollNow.current = () => void tick();
    const onVisibility = () => {
      if (document.visibilityState !== 'visible') {
        clearTimeout(timer);
        timer = undefined;
      } else if (timer === undefined) {
        void tick();
      }
    };
    document.addEventListener('visibilitychange', onVisibility);
    void tick();
    return () => {
      pollNow.current = () => undefined;
      controller.abort();
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
    // The caller names what restarts polling (`deps`); `poll` itself may change on every render.
  }, [intervalMs, ...deps]);

  return useCallback(() => pollNow.current(), []);
}
