import { appendFile, readFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { GroupCommit } from '../store/group-commit.js';
import type { AuditEntry, AuditEvent, ReadableAuditLog } from './audit-log.js';

export interface FileAuditLogOptions {
  /** When `audit.log` passes this size it becomes `audit.log.1` (the previous `.1` is dropped). Default 5 MB. */
  maxBytes?: number;
  /** Where a failed write is reported (the action itself is not undone). */
  onError?: (error: unknown) => void;
}

/**
 * The audit log as JSON lines in `<dataDir>/audit.log` (mode 0600), appended in batches. Two
 * files at most are kept, so the log never grows past twice `maxBytes`.
 *
 * @example
 * const audit = await openFileAuditLog('./data');
 * audit.record({ actor: 'ada', action: 'flow.update', target: 'order-created' });
 */
export async function openFileAuditLog(dataDir: string, options: FileAuditLogOptions = {}): Promise<ReadableAuditLog> {
  const file = join(dataDir, 'audit.log');
  const older = `${file}.1`;
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const readEvents = async (path: string): Promise<AuditEvent[]> => {
    const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? '' : Promise.reject(error)));
    return text.split('\n').flatMap((line) => {
      try {
        return line ? [JSON.parse(line) as AuditEvent] : [];
      } catch {
        return []; // a line torn by a crash mid-append
      }
    });
  };
  const existing = [...(await readEvents(older)), ...(await readEvents(file))];
  let lastId = existing.reduce((max, event) => Math.max(max, event.id), 0);

  const writes = new GroupCommit<string>({
    async commit(lines) {
      await appendFile(file, lines.join(''), { mode: 0o600 });
      if ((await stat(file)).size > maxBytes) await rename(file, older);
    },
  });

  return {
    record(entry: AuditEntry) {
      lastId += 1;
      const event: AuditEvent = { id: lastId, at: new Date().toISOString(), ...entry };
      writes.add(`${JSON.stringify(event)}\n`).catch((error: unknown) => options.onError?.(error));
    },
    async list({ limit, before }) {
      await writes.drain();
      const events = [...(await readEvents(older)), ...(await readEvents(file))];
      return events.filter((event) => before === undefined || event.id < before).reverse().slice(0, limit);
    },
    close: () => writes.drain(),
  };
}
