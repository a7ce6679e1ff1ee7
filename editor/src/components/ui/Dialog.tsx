import { useEffect, useId, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import './ui.css';

export interface DialogProps {
  title: string;
  /** Called on Escape and by the parent's own cancel buttons; the parent then stops rendering the dialog. */
  onClose: () => void;
  children: ReactNode;
  /** Buttons along the bottom edge; the first focusable element (or one with `autoFocus`) gets the focus. */
  actions?: ReactNode;
}

/**
 * A modal dialog on the native `<dialog>`: the browser traps the focus, closes on Escape and
 * makes the rest of the page inert. Render it to open it and stop rendering it to close it;
 * the focus goes back to where it was before. It is drawn at the end of the body, so that a dialog
 * with a form of its own can be opened from inside another form (a node's settings).
 *
 * @example
 * {renaming && (
 *   <Dialog title="Rename flow" onClose={() => setRenaming(false)} actions={<button onClick={save}>Save</button>}>
 *     <input aria-label="Name" autoFocus />
 *   </Dialog>
 * )}
 */
export function Dialog({ title, onClose, children, actions }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const before = document.activeElement;
    if (!dialog.open) dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
      if (before instanceof HTMLElement && before.isConnected) before.focus();
    };
  }, []);
  return createPortal(
    <dialog
      ref={ref}
      className="ui-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId} className="ui-dialog-title">
        {title}
      </h2>
      <div className="ui-dialog-body">{children}</div>
      {actions && <div className="ui-dialog-actions">{actions}</div>}
    </dialog>,
    document.body,
  );
}
