import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Low, Memory } from 'lowdb';
import { KeptJSONFile } from '../store/kept-json-file.js';
import { AuthDb, isAuthData } from './auth-db.js';
import { emptyAuthData, type AuthData } from './auth-data.js';
import { ApiTokens } from './api-tokens.js';
import { Sessions, type SessionLimits } from './sessions.js';
import { UserAccounts } from './user-accounts.js';

/** Accounts, sign-in sessions and API tokens: everything the API's access control reads. */
export interface AuthStore {
  users: UserAccounts;
  sessions: Sessions;
  tokens: ApiTokens;
  /** Removes a user with their sessions and tokens. */
  removeUser(id: string): ReturnType<UserAccounts['remove']>;
  /** Waits for every change to be written. */
  close(): Promise<void>;
}

function createAuthStore(db: AuthDb, limits?: SessionLimits): AuthStore {
  const users = new UserAccounts(db);
  const findUser = (id: string) => users.find(id);
  const sessions = new Sessions(db, findUser, limits);
  const tokens = new ApiTokens(db, findUser);
  return {
    users,
    sessions,
    tokens,
    async removeUser(id) {
      const removed = await users.remove(id);
      await Promise.all([sessions.endAllOf(id), tokens.revokeAllOf(id)]);
      return removed;
    },
    close: () => db.close(),
  };
}

/**
 * Opens the accounts file `<dataDir>/auth.json` (mode 0600; created empty when missing; kept with
 * its last good copy `auth.json.bak` and restored from it when damaged, see KeptJSONFile). It holds
 * password hashes and the SHA-256 of session ids and API tokens, never a usable secret.
 *
 * @example
 * const auth = await openAuthStore('./data');
 * if (auth.users.count() === 0) console.log(await auth.users.issueSetupToken());
 */
export async function openAuthStore(dataDir: string, limits?: SessionLimits): Promise<AuthStore> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, 'auth.json');
  const validate = (data: unknown) => {
    if (!isAuthData(data)) throw new Error('it is not a Hookflow accounts file: users, sessions and tokens lists expected');
  };
  const db = new Low<AuthData>(new KeptJSONFile<AuthData>(file, { what: 'accounts file', validate }), emptyAuthData());
  await db.read();
  return createAuthStore(new AuthDb(db, file), limits);
}

/** An accounts store in memory, for unit tests. */
export function createMemoryAuthStore(limits?: SessionLimits): AuthStore {
  return createAuthStore(new AuthDb(new Low<AuthData>(new Memory<AuthData>(), emptyAuthData()), 'The accounts data'), limits);
}
