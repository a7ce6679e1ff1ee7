/** One problem found in a flow document, addressed by its JSON path (`nodes[2].config.expression`). */
export interface FlowProblem {
  path: string;
  message: string;
  nodeId?: string;
  /** Character offset inside an expression, when the problem is a JSONata syntax error. */
  position?: number;
}

/**
 * The base of every error Hookflow answers with: a stable SCREAMING_SNAKE code, a message a
 * person can act on, and the HTTP status that fits it.
 */
export class FlowError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 500,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A flow document that cannot be stored or run; `problems` lists every problem at once. */
export class FlowValidationError extends FlowError {
  constructor(readonly problems: FlowProblem[], message = summarise(problems)) {
    super('FLOW_INVALID', message, 422);
  }
}

export class FlowNotFoundError extends FlowError {
  constructor(what: string) {
    super('FLOW_NOT_FOUND', `No flow ${what} exists.`, 404);
  }
}

/** A save based on an older version than the stored one. */
export class FlowConflictError extends FlowError {
  constructor(id: string, expected: number, actual: number) {
    super(
      'FLOW_VERSION_CONFLICT',
      `Flow "${id}" is at version ${actual}, but the change was based on version ${expected}. Reload it and apply the change again.`,
      409,
    );
  }
}

export class FlowExistsError extends FlowError {
  constructor(ids: string | string[], hint = 'Choose another id, or update that flow instead.') {
    const list = [ids].flat();
    const what = list.length === 1 ? `A flow with id "${list[0]}" already exists` : `Flows with the ids ${list.map((id) => `"${id}"`).join(', ')} already exist`;
    super('FLOW_EXISTS', `${what}. ${hint}`, 409);
  }
}

/** A custom webhook path that another flow already answers. */
export class WebhookPathTakenError extends FlowError {
  constructor(path: string, owner: string) {
    super('WEBHOOK_PATH_TAKEN', `The webhook path "${path}" is already used by flow "${owner}". Choose another path.`, 409);
  }
}

/** A webhook action (rotate the URL, listen for a test call) asked of a flow no webhook starts (an error-handler flow). */
export class NoWebhookError extends FlowError {
  constructor(flowId: string, action: string) {
    super('NO_WEBHOOK', `Flow "${flowId}" starts when a watched flow fails, not by a webhook: it has no URL to ${action}.`, 409);
  }
}

export class FlowTimeoutError extends FlowError {
  constructor(ms: number) {
    super('FLOW_TIMEOUT', `The flow did not finish within ${ms} ms.`, 504);
  }
}

/** A malformed request to a webhook or the API (bad JSON, wrong shape). */
export class BadRequestError extends FlowError {
  constructor(message: string, code = 'BAD_REQUEST', status = 400) {
    super(code, message, status);
  }
}

function summarise(problems: FlowProblem[]): string {
  const first = problems[0];
  if (!first) return 'The flow is invalid.';
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  return `The flow is invalid: ${first.path ? `${first.path}: ` : ''}${first.message}${more}`;
}

/**
 * Hookflow cannot write to its data directory (disk full, quota exhausted, read-only or failing
 * disk). Webhook callers and API clients are told to come back later; the details (which file,
 * which errno) go to the log, never to the caller.
 */
export class StorageUnavailableError extends FlowError {
  /** Long enough for an admin to react; the store notices recovery on its own within seconds. */
  readonly retryAfterSeconds = 30;

  constructor(options?: ErrorOptions) {
    super(
      'STORAGE_UNAVAILABLE',
      'Hookflow cannot store data right now because its storage is full or failing. Retry after the time in Retry-After; if this persists, tell the Hookflow admin.',
      503,
      options,
    );
  }
}

/** Hookflow cannot start for a reason the operator can fix (port taken, data directory in use). */
export class StartupError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StartupError';
  }
}
