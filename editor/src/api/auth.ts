import { request } from './client.js';

export type Role = 'viewer' | 'editor' | 'owner';

/** The signed-in person as the API describes them. */
export interface User {
  id: string;
  username: string;
  role: Role;
}

/** `GET /api/auth/session`, and the answer of signing in: the user and the token to send as `x-csrf-token`. */
export interface SessionInfo {
  user: User;
  csrfToken: string;
}

/** A personal API token as listed: never its secret. */
export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt?: string | null;
}

export interface UserRecord extends User {
  createdAt: string;
}

export interface AuditEvent {
  /** Increasing; the last one of a page is the `before` of the next (older) page. */
  id: number;
  at: string;
  actor: string;
  action: string;
  target?: string;
  ip?: string;
  details?: Record<string, unknown>;
}

const tokenPath = (id: string) => `/api/tokens/${encodeURIComponent(id)}`;
const userPath = (id: string) => `/api/users/${encodeURIComponent(id)}`;

/** Accounts, sign-in, API tokens and the audit log: the `/api/auth`, `/api/tokens`, `/api/users` and `/api/audit` calls. */
export const authApi = {
  status: () => request<{ setupRequired: boolean }>('GET', '/api/auth/status'),
  session: () => request<SessionInfo>('GET', '/api/auth/session'),
  login: (username: string, password: string) => request<SessionInfo>('POST', '/api/auth/login', { username, password }),
  setup: (token: string, username: string, password: string) => request<SessionInfo>('POST', '/api/auth/setup', { token, username, password }),
  logout: () => request<void>('POST', '/api/auth/logout'),
  changePassword: (currentPassword: string, newPassword: string) => request<void>('POST', '/api/auth/password', { currentPassword, newPassword }),
  listTokens: () => request<{ tokens: ApiToken[] }>('GET', '/api/tokens'),
  createToken: (name: string) => request<{ token: ApiToken; secret: string }>('POST', '/api/tokens', { name }),
  revokeToken: (id: string) => request<void>('DELETE', tokenPath(id)),
  listUsers: () => request<{ users: UserRecord[] }>('GET', '/api/users'),
  createUser: (username: string, password: string, role: Role) => request<{ user: UserRecord }>('POST', '/api/users', { username, password, role }),
  updateUser: (id: string, change: { role?: Role; password?: string }) => request<{ user: UserRecord }>('PATCH', userPath(id), change),
  deleteUser: (id: string) => request<void>('DELETE', userPath(id)),
  /** One page of the audit log, newest first; `before` continues after the last event of the previous page. */
  audit: (limit: number, before?: number) => request<{ events: AuditEvent[] }>('GET', `/api/audit?limit=${limit}${before ? `&before=${before}` : ''}`),
};

/** Passwords have at least this many characters (the server refuses shorter ones). */
export const minPasswordLength = 10;
