import { Low } from 'lowdb';
import { GroupCommit } from '../store/group-commit.js';
import { emptyAuthData, type AuthData } from './auth-data.js';

/** Whether parsed JSON has the accounts document's lists (what `auth.json` must hold to be read). */
export function isAuthData(data: unknown): boolean {
  const lists = data as Partial<AuthData> | null;
  return typeof lists === 'object' && lists !== null && Array.isArray(lists.users) && Array.isArray(lists.sessions) && Array.isArray(lists.tokens);
}

/**
 * The accounts document (`auth.json`) held in memory: reads come from `data`, every change is
 * made there first and then written with `save()`. Changes made while a write is in flight share
 * the next write.
 */
export class AuthDb {
  readonly #db: Low<AuthData>;
  readonly #writes = new GroupCommit<void>({ commit: () => this.#db.write() });

  /** `db` must already hold the stored data (call `db.read()` first). */
  constructor(db: Low<AuthData>, source: string) {
    this.#db = db;
    const data = db.data as Partial<AuthData> | null;
    if (!isAuthData(data)) {
      throw new Error(`${source} is not a Hookflow accounts file (users, sessions and tokens lists expected); restore it from a backup, or move it away to start with no accounts.`);
    }
    db.data = { ...emptyAuthData(), ...data };
  }

  get data(): AuthData {
    return this.#db.data;
  }

  save(): Promise<void> {
    return this.#writes.add();
  }

  /**
   * Writes a change that may be lost (a session's or token's last-use time): a failed write is
   * not reported here, the next `save()` carries the change again and reports its error.
   */
  saveLater(): void {
    this.#writes.add().catch(() => undefined);
  }

  close(): Promise<void> {
    return this.#writes.drain();
  }
}
