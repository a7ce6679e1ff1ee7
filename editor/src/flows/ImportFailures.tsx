import { Alert } from '../components/ui';
import { ProblemList } from './ProblemList';
import type { ImportFailure } from './useImportFiles';

interface ImportFailuresProps {
  failures: ImportFailure[];
  busy: boolean;
  onImportCopies: (failure: ImportFailure) => void;
  onDismiss: () => void;
}

/** Why the last import failed, per file, with every problem the importer found; stays until dismissed. */
export function ImportFailures({ failures, busy, onImportCopies, onDismiss }: ImportFailuresProps) {
  if (failures.length === 0) return null;
  const title = failures.length === 1 ? `“${failures[0]!.fileName}” could not be imported` : `${failures.length} files could not be imported`;
  return (
    <Alert title={title} onDismiss={onDismiss}>
      {failures.map((failure) => (
        <div key={failure.fileName} className="flows-import-failure">
          {failures.length > 1 && <p className="flows-import-file">{failure.fileName}</p>}
          <p>{failure.message}</p>
          <ProblemList problems={failure.problems} />
          {failure.existing !== undefined && (
            <button type="button" onClick={() => onImportCopies(failure)} disabled={busy}>
              Import as copy
            </button>
          )}
        </div>
      ))}
    </Alert>
  );
}
