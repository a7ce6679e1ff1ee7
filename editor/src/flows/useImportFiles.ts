import { useCallback, useState } from 'react';
import { api, ApiError } from '../api/client';
import type { FlowProblem } from '../api/types';
import { messageOf } from '../components/ui';
import { readJsonFile } from './flow-files';
import { importAsCopies } from './import-copies';

/** One file that could not be imported: what went wrong, in the importer's words, and every problem. */
export interface ImportFailure {
  fileName: string;
  message: string;
  problems: FlowProblem[];
  /** Set when the only trouble is ids that exist already: the parsed file, to import as copies. */
  existing?: unknown;
}

interface ImportOptions {
  /** Ids of the flows there are now (a copy must not take one). */
  taken: ReadonlySet<string>;
  /** Called with the number of flows imported, after at least one was. */
  onImported: (count: number) => void;
}

/**
 * Imports chosen or dropped files one after the other and keeps the failures until dismissed.
 *
 * @example
 * const imports = useImportFiles({ taken, onImported: (n) => toasts.show(`Imported ${n} flows`) });
 * <input type="file" onChange={(e) => imports.importFiles([...e.target.files!])} />
 */
export function useImportFiles({ taken, onImported }: ImportOptions) {
  const [failures, setFailures] = useState<ImportFailure[]>([]);
  const [busy, setBusy] = useState(false);

  const run = useCallback(
    async (jobs: { fileName: string; read: () => Promise<unknown> }[]) => {
      setBusy(true);
      setFailures([]);
      const failed: ImportFailure[] = [];
      let imported = 0;
      for (const job of jobs) {
        let document: unknown;
        try {
          document = await job.read();
          imported += (await api.importFile(document)).imported.length;
        } catch (error) {
          failed.push(describeFailure(job.fileName, error, document));
        }
      }
      setBusy(false);
      setFailures(failed);
      if (imported > 0) onImported(imported);
    },
    [onImported],
  );

  const importFiles = useCallback(
    (files: File[]) => run(files.map((file) => ({ fileName: file.name, read: () => readJsonFile(file) }))),
    [run],
  );

  const importCopies = useCallback(
    (failure: ImportFailure) => run([{ fileName: failure.fileName, read: async () => importAsCopies(failure.existing, taken) }]),
    [run, taken],
  );

  const dismiss = useCallback(() => setFailures([]), []);

  return { failures, busy, importFiles, importCopies, dismiss };
}

function describeFailure(fileName: string, error: unknown, document: unknown): ImportFailure {
  if (error instanceof ApiError && error.code === 'FLOW_EXISTS') {
    const firstSentence = error.message.split('. ')[0];
    return {
      fileName,
      message: `${firstSentence}. Nothing was imported. Import it as a copy with a new id, or delete the existing flow first.`,
      problems: [],
      existing: document,
    };
  }
  if (error instanceof ApiError && error.problems.length > 1) {
    // The server's message repeats the first problem; every problem is listed under this line.
    const count = error.problems.length;
    return { fileName, message: `Nothing was imported: the file has ${count} problems. Fix them in the file and import it again.`, problems: error.problems };
  }
  if (error instanceof ApiError) return { fileName, message: error.message, problems: error.problems };
  return { fileName, message: messageOf(error), problems: [] };
}
