import { FlowError } from '../errors.js';

/** An execution id the store does not know: never recorded, or pruned by the retention settings (404). */
export class ExecutionNotFoundError extends FlowError {
  constructor(id: string) {
    super('EXECUTION_NOT_FOUND', `No execution with id "${id}" exists (it may have been pruned by the retention setting).`, 404);
  }
}
