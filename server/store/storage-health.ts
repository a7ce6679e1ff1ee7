import { open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { StorageUnavailableError } from '../errors.js';
import type { StoreLogger } from './types.js';

/** The errno codes that mean "the disk cannot take writes", with what they mean to an admin. */
const storageFailures: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota of the user Hookflow runs as is used up',
  EROFS: 'the file system is read-only',
  EIO: 'the disk reports input/output errors',
};

/** Whether `error` is a write failing because of the disk itself (full, quota, read-only, failing). */
export function isStorageFailure(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code !== undefined && Object.hasOwn(storageFailures, code);
}

/** The Retry-After header that goes with a StorageUnavailableError; undefined for any other error. */
export function storageRetryAfter(error: unknown): Record<string, string> | undefined {
  return error instanceof StorageUnavailableError ? { 'retry-after': String(error.retryAfterSeconds) } : undefined;
}

export interface StorageHealthOptions {
  /** A small write that succeeds only when the storage takes writes again; see `probeDataDir`. */
  probe(): Promise<void>;
  /** How often the probe runs while writes fail (default 2 s). */
  probeIntervalMs?: number;
  logger?: StoreLogger;
}

/**
 * Remembers that writes to the store fail because of the disk, so that intake can refuse new
 * calls (503) instead of accepting events it cannot record. While a problem is set, a probe write
 * runs every few seconds on an unref'd timer, so recovery is noticed without waiting for traffic
 * (which is being refused); a store write that succeeds clears the problem too.
 *
 * @example
 * try { await append(bytes); health.succeeded(); } catch (error) { throw health.failed(error, 'the execution log'); }
 */
export class StorageHealth {
  readonly #options: StorageHealthOptions;
  #problem: string | undefined;
  #timer: NodeJS.Timeout | undefined;
  #probing = false;
  #closed = false;

  constructor(options: StorageHealthOptions) {
    this.#options = options;
  }

  /** A message for the admin while writes fail; undefined while they work. */
  get problem(): string | undefined {
    return this.#problem;
  }

  /**
   * Notes a failed write of `what` and returns the error to throw: a StorageUnavailableError
   * (503, the original as its cause) for a disk failure, `error` itself otherwise.
   */
  failed(error: unknown, what: string): unknown {
    if (!isStorageFailure(error)) return error;
    const code = (error as NodeJS.ErrnoException).code!;
    if (this.#problem === undefined) {
      this.#problem = `Hookflow cannot write ${what}: ${storageFailures[code]} (${code}). Webhook calls are refused with 503 until writes work again; free disk space or repair the disk, and Hookflow resumes within seconds on its own.`;
      this.#options.logger?.(this.#problem, { error: String(error) });
      this.#startProbing();
    }
    return new StorageUnavailableError({ cause: error });
  }

  /** Notes a write that went through: the storage works (again). */
  succeeded(): void {
    if (this.#problem !== undefined) this.#recovered();
  }

  /** Stops probing; a problem noted after this is still reported but no longer probed. */
  close(): void {
    this.#closed = true;
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #startProbing(): void {
    if (this.#closed || this.#timer) return;
    this.#timer = setInterval(() => void this.#probe(), this.#options.probeIntervalMs ?? 2_000);
    this.#timer.unref();
  }

  async #probe(): Promise<void> {
    if (this.#probing) return;
    this.#probing = true;
    try {
      await this.#options.probe();
      this.succeeded();
    } catch {
      // Still failing: the next tick tries again.
    } finally {
      this.#probing = false;
    }
  }

  #recovered(): void {
    this.#problem = undefined;
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#options.logger?.('Writes to the data directory work again; Hookflow accepts webhook calls again.');
  }
}

/**
 * The probe of a data directory: writes a small file (`.storage-probe`) and deletes it again. On a
 * full disk, creating a file with data in it fails with ENOSPC like any store write would.
 */
export async function probeDataDir(dataDir: string): Promise<void> {
  const file = join(dataDir, '.storage-probe');
  const handle = await open(file, 'w', 0o600);
  try {
    await handle.writeFile(Buffer.alloc(512, 0x20));
    await handle.datasync();
  } finally {
    await handle.close();
  }
  await unlink(file);
}
