import { useCallback, useEffect, useRef, useState } from 'react';
import { isAbort, listenForSample, type Sample } from '../api/runs';

export interface Listening {
  /** A call to the test URL is awaited. */
  listening: boolean;
  /** Why listening stopped, in words for the user. */
  error: string | undefined;
  /** Starts waiting (again): long-polls until a call arrives, an error happens or `cancel`. */
  start(): void;
  cancel(): void;
}

/**
 * Waits for the next call to a flow's test URL through `POST /api/flows/:id/listen`, asking again
 * each time the server's wait runs out, and hands the caught sample to `onReceived`. Cancelling
 * or unmounting closes the pending request.
 */
export function useListen(flowId: string, onReceived: (sample: Sample) => void): Listening {
  const [listening, setListening] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const controller = useRef<AbortController | undefined>(undefined);
  const received = useRef(onReceived);
  useEffect(() => {
    received.current = onReceived;
  });
  useEffect(() => () => controller.current?.abort(), [flowId]);

  const cancel = useCallback(() => {
    controller.current?.abort();
    controller.current = undefined;
    setListening(false);
  }, []);

  const start = useCallback(() => {
    controller.current?.abort();
    const own = new AbortController();
    controller.current = own;
    setListening(true);
    setError(undefined);
    void (async () => {
      try {
        let sample: Sample | undefined;
        while (!sample) sample = await listenForSample(flowId, own.signal);
        received.current(sample);
      } catch (failure) {
        if (own.signal.aborted || isAbort(failure)) return;
        setError(`Listening stopped: ${failure instanceof Error ? failure.message : String(failure)}`);
      } finally {
        if (controller.current === own) {
          controller.current = undefined;
          setListening(false);
        }
      }
    })();
  }, [flowId]);

  return { listening, error, start, cancel };
}
