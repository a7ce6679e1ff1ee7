import { useEffect, useId, useRef } from 'react';

interface ConflictDialogProps {
  open: boolean;
  onReload(): void;
  onOverwrite(): void;
  onClose(): void;
}

/** Someone saved a newer version: take theirs, or overwrite it with this draft. */
export function ConflictDialog({ open, onReload, onOverwrite, onClose }: ConflictDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return (
    <dialog ref={dialog} className="canvas-dialog" aria-labelledby={titleId} onClose={onClose}>
      <h2 id={titleId}>Someone else saved this flow</h2>
      <p>A newer version of this flow was saved (in another tab or by another person) after you opened it. Saving now would replace their changes.</p>
      <p>Reload theirs to drop your unsaved changes, or overwrite theirs with yours.</p>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" onClick={onReload}>
          Reload theirs
        </button>
        <button type="button" className="primary" onClick={onOverwrite}>
          Overwrite with mine
        </button>
      </div>
    </dialog>
  );
}
