import { randomUUID } from 'node:crypto';
import { FlowError } from '../errors.js';
import type { AuthDb } from './auth-db.js';
import type { AuthUser, TokenInfo, TokenRecord } from './auth-data.js';
import { TokenNotFoundError } from './auth-errors.js';
import { hashSecret, randomSecret } from './secrets.js';

const maxTokensPerUser = 50;
/** `lastUsedAt` is written at most this often per token, not on every request. */
const touchEveryMs = 60_000;
/** Every token starts with this, so secret scanners (and people) can recognise one. */
export const tokenPrefix = 'hf_';

const infoOf = ({ id, name, prefix, createdAt, lastUsedAt }: TokenRecord): TokenInfo => ({ id, name, prefix, createdAt, lastUsedAt });

/** Personal API tokens for scripts and the CLI: shown once, stored as their SHA-256, revocable. */
export class ApiTokens {
  constructor(
    private readonly db: AuthDb,
    private readonly findUser: (id: string) => AuthUser | undefined,
  ) {}

  async create(userId: string, name: string): Promise<{ token: TokenInfo; secret: string }> {
    if (this.list(userId).length >= maxTokensPerUser) {
      throw new FlowError('TOO_MANY_TOKENS', `An account may hold ${maxTokensPerUser} API tokens; revoke unused ones first.`, 409);
    }
    const secret = `${tokenPrefix}${randomSecret(32)}`;
    const record: TokenRecord = { id: randomUUID(), userId, name, prefix: secret.slice(0, 8), hash: hashSecret(secret), createdAt: new Date().toISOString(), lastUsedAt: null };
    this.db.data.tokens.push(record);
    await this.db.save();
    return { token: infoOf(record), secret };
  }

  list(userId: string): TokenInfo[] {
    return this.db.data.tokens.filter((token) => token.userId === userId).map(infoOf);
  }

  /** Revokes one of the user's tokens; another user's token counts as not found. */
  async revoke(userId: string, id: string): Promise<TokenInfo> {
    const record = this.db.data.tokens.find((token) => token.id === id && token.userId === userId);
    if (!record) throw new TokenNotFoundError(id);
    this.db.data.tokens = this.db.data.tokens.filter((token) => token !== record);
    await this.db.save();
    return infoOf(record);
  }

  async revokeAllOf(userId: string): Promise<void> {
    this.db.data.tokens = this.db.data.tokens.filter((token) => token.userId !== userId);
    await this.db.save();
  }

  /** The user a token acts as; undefined for an unknown or revoked token. */
  resolve(secret: string): AuthUser | undefined {
    if (!secret.startsWith(tokenPrefix)) return undefined;
    const hash = hashSecret(secret);
    const record = this.db.data.tokens.find((token) => token.hash === hash);
    const user = record && this.findUser(record.userId);
    if (!record || !user) return undefined;
    const now = Date.now();
    if (record.lastUsedAt === null || now - Date.parse(record.lastUsedAt) > touchEveryMs) {
      record.lastUsedAt = new Date(now).toISOString();
      this.db.saveLater();
    }
    return user;
  }
}
