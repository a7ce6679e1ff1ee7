import { FlowError } from '../errors.js';

/** An import file whose text is not JSON (or is empty); `line` and `column` are 1-based. */
export class ImportInvalidJsonError extends FlowError {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super('IMPORT_INVALID_JSON', message, 400);
  }
}

/** A file Hookflow recognises (an n8n or Node-RED export) but cannot import yet. */
export class ImportFormatNotSupportedError extends FlowError {
  constructor(
    readonly format: string,
    message: string,
  ) {
    super('IMPORT_FORMAT_NOT_SUPPORTED', message, 422);
  }
}
