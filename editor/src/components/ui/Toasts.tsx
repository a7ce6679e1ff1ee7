import { useCallback, useEffect, useRef, useState } from 'react';
import { IconButton } from './IconButton';
import { CloseIcon } from './icons';
import './ui.css';

export interface Toast {
  id: number;
  text: string;
}

/** How long a toast stays before it goes away by itself. */
const toastMs = 5000;

/**
 * Short confirmations ("Imported 2 flows") that disappear after a few seconds. Keep the state with
 * this hook and render `<Toasts>` once on the page.
 *
 * @example
 * const toasts = useToasts();
 * toasts.show('Flow deleted');
 * return <><Toasts {...toasts} />…</>;
 */
export function useToasts() {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());
  const dismiss = useCallback((id: number) => {
    clearTimeout(timers.current.get(id));
    timers.current.delete(id);
    setToasts((current) => current.filter((toast) => toast.id !== id));
  }, []);
  const show = useCallback(
    (text: string) => {
      const id = nextId.current++;
      setToasts((current) => [...current, { id, text }]);
      timers.current.set(id, setTimeout(() => dismiss(id), toastMs));
    },
    [dismiss],
  );
  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach((timer) => clearTimeout(timer));
  }, []);
  return { toasts, show, dismiss };
}

/** The toasts, bottom right; a polite live region, so screen readers read each one once. */
export function Toasts({ toasts, dismiss }: { toasts: Toast[]; dismiss: (id: number) => void }) {
  return (
    <div className="ui-toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className="ui-toast">
          <span>{toast.text}</span>
          <IconButton label="Dismiss notification" icon={<CloseIcon />} onClick={() => dismiss(toast.id)} />
        </div>
      ))}
    </div>
  );
}
