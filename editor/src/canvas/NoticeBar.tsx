import { useEffect } from 'react';
import type { Notice } from './useFlowDocument';

/** A short message after an action; information fades after a few seconds, errors stay until closed. */
export function NoticeBar({ notice, onClose }: { notice: Notice | undefined; onClose(): void }) {
  useEffect(() => {
    if (notice?.kind !== 'info') return;
    const timer = setTimeout(onClose, 4000);
    return () => clearTimeout(timer);
  }, [notice, onClose]);
  return (
    <div className="notice-area" aria-live="polite">
      {notice && (
        <div className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          <span>{notice.text}</span>
          <button type="button" className="icon-button" aria-label="Close message" onClick={onClose}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
