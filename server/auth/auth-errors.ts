import { FlowError } from '../errors.js';

export class UnauthenticatedError extends FlowError {
  constructor(message = 'Sign in first: send the session cookie, or an API token as "Authorization: Bearer hf_…" (create one with `hookflow token create` or in the editor).') {
    super('UNAUTHENTICATED', message, 401);
  }
}

export class ForbiddenError extends FlowError {
  constructor(needed: string, method: string, path: string) {
    super('FORBIDDEN', `${method} ${path} needs the ${needed} role; ask an owner to give it to your account.`, 403);
  }
}

export class CsrfError extends FlowError {
  constructor(message: string) {
    super('CSRF_FAILED', message, 403);
  }
}

export class InvalidLoginError extends FlowError {
  constructor() {
    super('INVALID_LOGIN', 'The username or the password is wrong.', 401);
  }
}

/** Too many failed logins: the caller must wait `retryAfterSeconds` (sent as Retry-After). */
export class TooManyAttemptsError extends FlowError {
  constructor(readonly retryAfterSeconds: number) {
    super('TOO_MANY_ATTEMPTS', `Too many failed sign-ins; try again in ${retryAfterSeconds} s.`, 429);
  }
}

export class LastOwnerError extends FlowError {
  constructor() {
    super('LAST_OWNER', 'This is the last owner: make another user owner first, so someone can still manage accounts.', 409);
  }
}

export class UserExistsError extends FlowError {
  constructor(username: string) {
    super('USER_EXISTS', `A user named "${username}" already exists; choose another username.`, 409);
  }
}

export class UserNotFoundError extends FlowError {
  constructor(what: string) {
    super('USER_NOT_FOUND', `No user ${what} exists.`, 404);
  }
}

export class TokenNotFoundError extends FlowError {
  constructor(id: string) {
    super('TOKEN_NOT_FOUND', `You have no API token with id "${id}" (it may have been revoked already).`, 404);
  }
}

export class SetupError extends FlowError {
  constructor(message: string, status = 403) {
    super('SETUP_INVALID', message, status);
  }
}
