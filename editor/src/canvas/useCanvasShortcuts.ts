import { useEffect, useRef } from 'react';

export interface CanvasShortcuts {
  /** A viewer's page: only copying works; save, paste, undo and redo do nothing. */
  readOnly: boolean;
  undo(): void;
  redo(): void;
  copy(): void;
  paste(): void;
  save(): void;
}

/** Typing targets keep their own keys (CodeMirror has its own undo). */
function isTextTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Ctrl/⌘ + Z, Shift+Ctrl/⌘+Z (or Ctrl+Y), C, V and S while the editor page is open. */
export function useCanvasShortcuts(shortcuts: CanvasShortcuts): void {
  const latest = useRef(shortcuts);
  latest.current = shortcuts;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const key = event.key.toLowerCase();
      if (key === 's') {
        event.preventDefault();
        if (!latest.current.readOnly) latest.current.save();
        return;
      }
      if (isTextTarget(event.target) || document.querySelector('dialog[open]')) return;
      const action = key === 'z' ? (event.shiftKey ? 'redo' : 'undo') : key === 'y' ? 'redo' : key === 'c' ? 'copy' : key === 'v' ? 'paste' : undefined;
      if (!action) return;
      if (action === 'copy' && window.getSelection()?.toString()) return;
      if (action !== 'copy' && latest.current.readOnly) return;
      event.preventDefault();
      latest.current[action]();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
