import type { StoredDraft } from './draft-storage';

/** Offers the unsaved draft kept from an earlier visit. */
export function DraftBanner({ draft, onRestore, onDiscard }: { draft: StoredDraft; onRestore(): void; onDiscard(): void }) {
  return (
    <div className="draft-banner" role="region" aria-label="Unsaved draft">
      <span>
        You have unsaved changes from {new Date(draft.savedAt).toLocaleString()} (based on version {draft.baseVersion}).
      </span>
      <button type="button" className="primary" onClick={onRestore}>
        Restore draft
      </button>
      <button type="button" onClick={onDiscard}>
        Discard draft
      </button>
    </div>
  );
}
