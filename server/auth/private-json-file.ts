import { chmod, readFile, rename, writeFile } from 'node:fs/promises';
import type { Adapter } from 'lowdb';

/**
 * A lowdb adapter for files that hold secrets (hashes included): created with mode 0600, and
 * replaced atomically (a temporary file, also 0600, renamed over the old one) so that a crash
 * mid-write leaves the previous document and the file is never readable by others, not even briefly.
 */
export class PrivateJSONFile<T> implements Adapter<T> {
  constructor(readonly file: string) {}

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    await chmod(this.file, 0o600);
    return JSON.parse(text) as T;
  }

  async write(data: T): Promise<void> {
    const temporary = `${this.file}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
    await rename(temporary, this.file);
  }
}
