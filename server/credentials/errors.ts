import { FlowError, FlowValidationError, type FlowProblem } from '../errors.js';
import type { CredentialType } from './types.js';

export class CredentialNotFoundError extends FlowError {
  constructor(name: string) {
    super('CREDENTIAL_NOT_FOUND', `No credential named "${name}" exists.`, 404);
  }
}

export class CredentialExistsError extends FlowError {
  constructor(name: string) {
    super('CREDENTIAL_EXISTS', `A credential named "${name}" already exists; update it (PUT /api/credentials/${name}) or choose another name.`, 409);
  }
}

/** A credential body that does not fit its type; `problems` lists each field's problem. */
export class CredentialInvalidError extends FlowValidationError {
  override readonly code = 'CREDENTIAL_INVALID';

  constructor(problems: FlowProblem[]) {
    const first = problems[0];
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    super(problems, `The credential is invalid: ${first?.path ? `${first.path}: ` : ''}${first?.message ?? 'check its fields.'}${more}`);
  }
}

export class CredentialInUseError extends FlowError {
  constructor(
    name: string,
    readonly flowIds: string[],
  ) {
    super('CREDENTIAL_IN_USE', `The credential "${name}" is used by the flow${flowIds.length > 1 ? 's' : ''} ${flowIds.map((id) => `"${id}"`).join(', ')}; change ${flowIds.length > 1 ? 'them' : 'it'} first.`, 409);
  }
}

/** A node asked for a credential that does not exist or has another type. Names it, never a value. */
export class CredentialMissingError extends FlowError {
  constructor(name: string, type: CredentialType) {
    super('CREDENTIAL_MISSING', `There is no ${type} credential named "${name}"; create it under Credentials or choose another.`, 422);
  }
}
