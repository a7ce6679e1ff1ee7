import { FlowError } from '../errors.js';

/** How long a refused caller is asked to wait: executions usually finish within seconds. */
const retryAfterSeconds = 5;

/**
 * A call refused because too many executions already run or wait: 429 `WEBHOOK_BUSY` when its
 * flow's queue is full, 503 `SERVER_BUSY` when the server's is. Nothing was recorded or run, so
 * the sender's retry delivers the event.
 */
export class BusyError extends FlowError {
  readonly retryAfterSeconds = retryAfterSeconds;

  static flow(): BusyError {
    return new BusyError(
      'WEBHOOK_BUSY',
      "This webhook is busy: its flow runs as many calls at once as it allows and its queue is full. Retry after the time in Retry-After, or ask the flow's owner to raise its concurrency limit.",
      429,
    );
  }

  static server(): BusyError {
    return new BusyError(
      'SERVER_BUSY',
      'Hookflow is busy: as many executions run and wait as the server allows. Retry after the time in Retry-After.',
      503,
    );
  }

  /** New calls while the server shuts down: nothing was recorded, so the sender's retry reaches the restarted server. */
  static shuttingDown(): BusyError {
    return new BusyError('SHUTTING_DOWN', 'Hookflow is restarting and takes no new calls right now. Retry after the time in Retry-After.', 503);
  }
}
