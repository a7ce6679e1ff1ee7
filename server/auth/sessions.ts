import type { AuthDb } from './auth-db.js';
import type { AuthUser } from './auth-data.js';
import { hashSecret, randomSecret } from './secrets.js';

export interface SessionLimits {
  /** A session unused this long ends (default 12 h). */
  idleMs: number;
  /** A session ends this long after sign-in, used or not (default 7 days). */
  absoluteMs: number;
}

export const defaultSessionLimits: SessionLimits = { idleMs: 12 * 3600_000, absoluteMs: 7 * 24 * 3600_000 };

/** Sign-ins kept per user; the oldest session ends when a new one would pass it. */
const maxSessionsPerUser = 20;
/** `lastSeenAt` is written at most this often per session, not on every request. */
const touchEveryMs = 60_000;

/**
 * The CSRF token of a session: derived from the session id, so it needs no storage and is
 * worthless without the cookie (and the cookie cannot be derived from it).
 */
export const csrfTokenOf = (sessionId: string) => hashSecret(`csrf:${sessionId}`);

/** Editor sign-ins. The session id lives only in the browser's cookie; the store keeps its SHA-256. */
export class Sessions {
  constructor(
    private readonly db: AuthDb,
    private readonly findUser: (id: string) => AuthUser | undefined,
    private readonly limits: SessionLimits = defaultSessionLimits,
  ) {}

  /** Starts a session for a user; the id is for the cookie and is not kept anywhere. */
  async start(userId: string): Promise<{ sessionId: string; csrfToken: string }> {
    const sessionId = randomSecret(32);
    const now = new Date().toISOString();
    const { data } = this.db;
    const theirs = data.sessions.filter((session) => session.userId === userId);
    const dropped = new Set(theirs.slice(0, Math.max(0, theirs.length - maxSessionsPerUser + 1)));
    data.sessions = [...data.sessions.filter((session) => !dropped.has(session) && this.#isLive(session, Date.now())), { idHash: hashSecret(sessionId), userId, createdAt: now, lastSeenAt: now }];
    await this.db.save();
    return { sessionId, csrfToken: csrfTokenOf(sessionId) };
  }

  /** The user a live session belongs to; undefined for an unknown, ended or expired session. */
  resolve(sessionId: string): AuthUser | undefined {
    const idHash = hashSecret(sessionId);
    const session = this.db.data.sessions.find((candidate) => candidate.idHash === idHash);
    const now = Date.now();
    if (!session || !this.#isLive(session, now)) return undefined;
    const user = this.findUser(session.userId);
    if (!user) return undefined;
    if (now - Date.parse(session.lastSeenAt) > touchEveryMs) {
      session.lastSeenAt = new Date(now).toISOString();
      this.db.saveLater();
    }
    return user;
  }

  async end(sessionId: string): Promise<void> {
    const idHash = hashSecret(sessionId);
    this.db.data.sessions = this.db.data.sessions.filter((session) => session.idHash !== idHash);
    await this.db.save();
  }

  /** Ends every session of a user (a password change or removal), except `keep` if given. */
  async endAllOf(userId: string, keep?: string): Promise<void> {
    const kept = keep === undefined ? undefined : hashSecret(keep);
    this.db.data.sessions = this.db.data.sessions.filter((session) => session.userId !== userId || session.idHash === kept);
    await this.db.save();
  }

  #isLive(session: { createdAt: string; lastSeenAt: string }, now: number): boolean {
    return now - Date.parse(session.lastSeenAt) < this.limits.idleMs && now - Date.parse(session.createdAt) < this.limits.absoluteMs;
  }
}
