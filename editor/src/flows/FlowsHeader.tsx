import type { RefObject } from 'react';
import { useCanEdit } from '../auth/session-context';
import { PlusIcon, UploadIcon } from '../components/ui';

interface FlowsHeaderProps {
  /** The (hidden) file picker that "Import flow file" opens. */
  fileInput: RefObject<HTMLInputElement | null>;
  importing: boolean;
  onNewFlow: () => void;
  onChooseFiles: () => void;
  onFilesChosen: (files: File[]) => void;
}

/** The page title with the "Import flow file" and "New flow" buttons. */
export function FlowsHeader({ fileInput, importing, onNewFlow, onChooseFiles, onFilesChosen }: FlowsHeaderProps) {
  const canEdit = useCanEdit();
  return (
    <header className="flows-header">
      <div>
        <h1>Flows</h1>
        <p className="flows-subtitle">
          Each flow runs when its webhook URL is called.{canEdit ? ' Drop flow files anywhere on this page to import them.' : ''}
        </p>
      </div>
      {canEdit && (
        <div className="flows-header-actions">
          <button type="button" onClick={onChooseFiles} disabled={importing}>
            <UploadIcon /> Import flow file
          </button>
          <button type="button" className="primary" onClick={onNewFlow}>
            <PlusIcon /> New flow
          </button>
        </div>
      )}
      <input
        ref={fileInput}
        type="file"
        accept=".json,application/json"
        multiple
        className="visually-hidden"
        tabIndex={-1}
        aria-label="Flow files to import"
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          event.target.value = '';
          if (files.length > 0) onFilesChosen(files);
        }}
      />
    </header>
  );
}
