import type { PasswordHash } from './password.js';

export const roles = ['viewer', 'editor', 'owner'] as const;
export type Role = (typeof roles)[number];

/** Whether `role` is at least `needed` (viewer < editor < owner). */
export function hasRole(role: Role, needed: Role): boolean {
  return roles.indexOf(role) >= roles.indexOf(needed);
}

/** Who a request acts as: what `req.user` holds and the API shows. */
export interface AuthUser {
  id: string;
  username: string;
  role: Role;
}

export interface UserRecord extends AuthUser {
  password: PasswordHash;
  createdAt: string;
}

export interface SessionRecord {
  /** SHA-256 of the session id: the id itself lives only in the browser's cookie. */
  idHash: string;
  userId: string;
  createdAt: string;
  lastSeenAt: string;
}

export interface TokenRecord {
  id: string;
  userId: string;
  name: string;
  /** The first characters of the secret, shown so a person can tell tokens apart. */
  prefix: string;
  /** SHA-256 of the secret. */
  hash: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** A personal API token as the API lists it. */
export type TokenInfo = Pick<TokenRecord, 'id' | 'name' | 'prefix' | 'createdAt' | 'lastUsedAt'>;

/** Everything `auth.json` holds. */
export interface AuthData {
  users: UserRecord[];
  sessions: SessionRecord[];
  tokens: TokenRecord[];
  /** The hash of the one-time setup token, while no user exists. */
  setup: { hash: string; expiresAt: string } | null;
}

export const emptyAuthData = (): AuthData => ({ users: [], sessions: [], tokens: [], setup: null });

export const publicUser = ({ id, username, role }: AuthUser): AuthUser => ({ id, username, role });
