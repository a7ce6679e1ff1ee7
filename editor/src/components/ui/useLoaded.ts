import { useCallback, useEffect, useRef, useState } from 'react';
import { messageOf } from './message-of';

export type Loaded<T> = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; value: T };

/**
 * Loads something for a page on mount; `reload()` fetches it again and keeps the old value on
 * screen meanwhile. An answer that arrives after a newer request started is dropped.
 *
 * @example
 * const { loaded, reload } = useLoaded(() => authApi.listTokens());
 */
export function useLoaded<T>(load: () => Promise<T>) {
  const [loaded, setLoaded] = useState<Loaded<T>>({ status: 'loading' });
  const latest = useRef(0);
  const loader = useRef(load);
  loader.current = load;
  const reload = useCallback(async () => {
    const request = ++latest.current;
    try {
      const value = await loader.current();
      if (request === latest.current) setLoaded({ status: 'ready', value });
    } catch (error) {
      if (request === latest.current) setLoaded({ status: 'failed', message: messageOf(error) });
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { loaded, reload };
}
