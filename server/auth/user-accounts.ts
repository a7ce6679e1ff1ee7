import { randomUUID } from 'node:crypto';
import { FlowError } from '../errors.js';
import type { AuthDb } from './auth-db.js';
import { publicUser, type AuthUser, type Role, type UserRecord } from './auth-data.js';
import { LastOwnerError, SetupError, UserExistsError, UserNotFoundError } from './auth-errors.js';
import { decoyHash, hashPassword, verifyPassword } from './password.js';
import { hashSecret, randomSecret, sameSecret } from './secrets.js';

const maxUsers = 1000;
/** How long the setup link printed at first start stays valid. */
const setupTtlMs = 24 * 3600_000;

export type UserListing = AuthUser & { createdAt: string };

const listingOf = (user: UserRecord): UserListing => ({ ...publicUser(user), createdAt: user.createdAt });

/** The accounts, their passwords and the one-time setup token used to create the first owner. */
export class UserAccounts {
  constructor(private readonly db: AuthDb) {}

  count(): number {
    return this.db.data.users.length;
  }

  list(): UserListing[] {
    return this.db.data.users.map(listingOf);
  }

  /** A user as `GET /api/users` lists them. */
  listing(id: string): UserListing {
    return listingOf(this.#require(id));
  }

  find(id: string): AuthUser | undefined {
    const user = this.db.data.users.find((candidate) => candidate.id === id);
    return user && publicUser(user);
  }

  findByName(username: string): AuthUser | undefined {
    const user = this.#byName(username);
    return user && publicUser(user);
  }

  async create(input: { username: string; password: string; role: Role }): Promise<AuthUser> {
    if (this.#byName(input.username)) throw new UserExistsError(input.username);
    if (this.count() >= maxUsers) throw new FlowError('TOO_MANY_USERS', `Hookflow holds at most ${maxUsers} users; remove unused accounts first.`, 409);
    const record: UserRecord = { id: randomUUID(), username: input.username, role: input.role, password: await hashPassword(input.password), createdAt: new Date().toISOString() };
    // Checked again: another create may have taken the name while the password was hashing.
    if (this.#byName(input.username)) throw new UserExistsError(input.username);
    this.db.data.users.push(record);
    this.db.data.setup = null;
    await this.db.save();
    return publicUser(record);
  }

  /** Changes a user's role and/or password; the last owner cannot be demoted. */
  async update(id: string, change: { role?: Role | undefined; password?: string | undefined }): Promise<AuthUser> {
    this.#require(id);
    const password = change.password === undefined ? undefined : await hashPassword(change.password);
    // Checked after hashing, with no await until the change is made: two demotions cannot both pass.
    const record = this.#require(id);
    if (change.role && change.role !== 'owner') this.#refuseLastOwner(record);
    if (change.role) record.role = change.role;
    if (password) record.password = password;
    await this.db.save();
    return publicUser(record);
  }

  async remove(id: string): Promise<AuthUser> {
    const record = this.#require(id);
    this.#refuseLastOwner(record);
    this.db.data.users = this.db.data.users.filter((user) => user !== record);
    await this.db.save();
    return publicUser(record);
  }

  /**
   * The user whose username and password these are, else undefined. An unknown username is still
   * checked against a decoy hash, so the answer takes as long as for a wrong password.
   */
  async verify(username: string, password: string): Promise<AuthUser | undefined> {
    const record = this.#byName(username);
    const matches = await verifyPassword(password, record?.password ?? (await decoyHash()));
    return record && matches ? publicUser(record) : undefined;
  }

  /** A fresh one-time setup token (replacing any earlier one); only while no user exists. */
  async issueSetupToken(ttlMs = setupTtlMs): Promise<string> {
    if (this.count() > 0) throw new SetupError('Hookflow already has users: sign in instead.', 409);
    const token = randomSecret(32);
    this.db.data.setup = { hash: hashSecret(token), expiresAt: new Date(Date.now() + ttlMs).toISOString() };
    await this.db.save();
    return token;
  }

  /** Creates the first owner with the setup token; the token works once. */
  async completeSetup(token: string, username: string, password: string): Promise<AuthUser> {
    const setup = this.db.data.setup;
    if (this.count() > 0) throw new SetupError('Hookflow is already set up: sign in instead.', 409);
    if (!setup || !sameSecret(hashSecret(token), setup.hash) || Date.parse(setup.expiresAt) < Date.now()) {
      throw new SetupError('The setup link is not valid (wrong, used or expired). Restart Hookflow to print a new one, or run `hookflow user create --role owner`.');
    }
    // Used up before the password is hashed, so two requests racing with it cannot both pass.
    this.db.data.setup = null;
    try {
      return await this.create({ username, password, role: 'owner' });
    } catch (error) {
      this.db.data.setup ??= setup;
      throw error;
    }
  }

  #byName(username: string): UserRecord | undefined {
    const wanted = username.toLowerCase();
    return this.db.data.users.find((user) => user.username.toLowerCase() === wanted);
  }

  #require(id: string): UserRecord {
    const record = this.db.data.users.find((user) => user.id === id);
    if (!record) throw new UserNotFoundError(`with id "${id}"`);
    return record;
  }

  #refuseLastOwner(record: UserRecord): void {
    if (record.role === 'owner' && this.db.data.users.filter((user) => user.role === 'owner').length === 1) throw new LastOwnerError();
  }
}
