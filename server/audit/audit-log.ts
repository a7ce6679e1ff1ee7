/** What happened, by whom: never a secret, a password or a request body. */
export interface AuditEntry {
  /** The username acting (or, for `login.failed`, the username tried). */
  actor: string;
  /** `login`, `flow.update`, `credential.delete`, … (see SECURITY.md for the list). */
  action: string;
  /** What the action was on: a flow id, a credential name, a username, a token id. */
  target?: string;
  ip?: string;
  details?: Record<string, unknown>;
}

export interface AuditEvent extends AuditEntry {
  /** Increasing: a later event has a greater id. */
  id: number;
  at: string;
}

/** Where security-relevant actions are recorded. `record` is fire and forget: it never throws. */
export interface AuditLog {
  record(event: AuditEntry): void;
}

/** An audit log that can also be read back, newest first. */
export interface ReadableAuditLog extends AuditLog {
  /** Events older than `before` (an id), newest first, at most `limit`. */
  list(query: { limit: number; before?: number | undefined }): Promise<AuditEvent[]>;
  close(): Promise<void>;
}
