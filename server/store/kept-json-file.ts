import { chmod, open, readFile, rename, unlink } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Adapter } from 'lowdb';
import { StartupError } from '../errors.js';
import type { StorageHealth } from './storage-health.js';
import type { StoreLogger } from './types.js';

export interface KeptJSONFileOptions {
  /** Throws, with a message saying what is wrong, when parsed JSON is not a document this version can read. */
  validate(data: unknown): void;
  /** What the file holds, for messages: "flow data file". */
  what: string;
  logger?: StoreLogger;
  /** Told of every write, so that a full disk makes intake refuse calls; see StorageHealth. */
  health?: StorageHealth;
  /** `fdatasync` each copy before it is renamed into place. */
  fsync?: boolean;
}

/** What reading one of the two files found. */
type Found<T> = { state: 'good'; data: T; text: string } | { state: 'missing' } | { state: 'broken'; problem: string };

/**
 * A lowdb adapter for a JSON document that must survive a damaged file: every write replaces
 * both `<file>` and its last good copy `<file>.bak` atomically (a 0600 temporary file renamed
 * into place), and only documents built from validated state are written. At open, a main file
 * that is empty, cut short, not JSON or not the expected shape is set aside as
 * `<file>.corrupt-<time>` and rewritten from the copy, with a warning; when neither file is
 * usable, the start is refused: the store never starts empty over a broken file.
 *
 * @example
 * const db = new Low(new KeptJSONFile('data/hookflow.json', { what: 'flow data file', validate }), createEmptyFlowData());
 */
export class KeptJSONFile<T> implements Adapter<T> {
  readonly backup: string;
  readonly #options: KeptJSONFileOptions;

  constructor(
    readonly file: string,
    options: KeptJSONFileOptions,
  ) {
    this.backup = `${file}.bak`;
    this.#options = options;
  }

  async read(): Promise<T | null> {
    const main = await this.#find(this.file);
    if (main.state === 'good') {
      // A file written before it was kept private (or by hand) is closed to other users.
      await chmod(this.file, 0o600);
      // Catches up a copy that is missing or older (written by a version without copies, or cut off by a crash).
      if ((await readFile(this.backup, 'utf8').catch(() => undefined)) !== main.text) {
        await this.#replace(this.backup, main.text).catch((error: unknown) => {
          this.#options.logger?.(`The last good copy ${this.backup} could not be written; the next change writes it again.`, { error: String(error) });
        });
      }
      return main.data;
    }
    const copy = await this.#find(this.backup);
    if (main.state === 'missing' && copy.state === 'missing') return null;
    if (copy.state !== 'good') throw new StartupError(this.#unusable(main, copy));
    const aside = main.state === 'broken' ? `${this.file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}` : undefined;
    if (aside) await rename(this.file, aside);
    await this.#replace(this.file, copy.text);
    const what = main.state === 'broken' ? `could not be used (${main.problem}); it was kept as ${basename(aside!)} for inspection` : 'was missing';
    this.#options.logger?.(`The ${this.#options.what} ${this.file} ${what}. Hookflow restored it from its last good copy ${basename(this.backup)} and starts with that.`);
    return copy.data;
  }

  async write(data: T): Promise<void> {
    const text = `${JSON.stringify(data, null, 2)}\n`;
    try {
      await this.#replace(this.file, text);
      await this.#replace(this.backup, text);
    } catch (error) {
      throw this.#options.health?.failed(error, `the ${this.#options.what}`) ?? error;
    }
    this.#options.health?.succeeded();
  }

  /** Reads and checks one of the files; a failure to read it at all (permissions) stops the start. */
  async #find(file: string): Promise<Found<T>> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { state: 'missing' };
      throw new StartupError(`The ${this.#options.what} ${file} cannot be read (${code}); check its owner, its permissions and the disk.`, { cause: error });
    }
    if (text.trim() === '') return { state: 'broken', problem: 'the file is empty' };
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      return { state: 'broken', problem: `it is not valid JSON, probably cut short: ${(error as Error).message}` };
    }
    try {
      this.#options.validate(data);
    } catch (error) {
      return { state: 'broken', problem: (error as Error).message };
    }
    return { state: 'good', data: data as T, text };
  }

  /** Writes `text` to a 0600 temporary file and renames it over `target`; removes the temporary file when that fails. */
  async #replace(target: string, text: string): Promise<void> {
    const temporary = `${target}.${process.pid}.tmp`;
    try {
      const handle = await open(temporary, 'w', 0o600);
      try {
        await handle.writeFile(text);
        if (this.#options.fsync) await handle.datasync();
      } finally {
        await handle.close();
      }
      await rename(temporary, target);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
  }

  #unusable(main: Found<T>, copy: Found<T>): string {
    const describe = (found: Found<T>) => (found.state === 'broken' ? found.problem : 'it is missing');
    return (
      `The ${this.#options.what} ${this.file} cannot be used (${describe(main)}), and neither can its last good copy ${this.backup} (${describe(copy)}). ` +
      `Hookflow does not start over them, so that nothing in them is lost: restore ${basename(this.file)} from a backup of the data directory, ` +
      `or, to start with an empty store, move both files out of the data directory.`
    );
  }
}
