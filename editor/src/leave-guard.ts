import { useEffect } from 'react';

/**
 * Unsaved work that leaving the current page would abandon. The page with the work registers the question to
 * ask; App asks it before any hash change (Back, a link, an edited address) and the browser before reload or close.
 */
let question: string | undefined;

export function setUnsavedWork(message: string | undefined): void {
  question = message;
}

/** The question to ask before leaving, or undefined when nothing would be lost. */
export function unsavedWork(): string | undefined {
  return question;
}

/** Registers `message` as the page's unsaved work while it is defined and the component is mounted. */
export function useUnsavedWork(message: string | undefined): void {
  useEffect(() => {
    if (!message) return;
    setUnsavedWork(message);
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => {
      setUnsavedWork(undefined);
      window.removeEventListener('beforeunload', warn);
    };
  }, [message]);
}
