import { FlowError } from '../../errors.js';

/** Why a guard refused a call: the label of `hookflow_webhook_rejected_total` and of the warning logged. */
export type RejectionReason = 'ip' | 'rate' | 'size' | 'auth' | 'signature' | 'stale' | 'credential' | 'busy';

/** Size refusals are the body reader's own 413 (it names the limit), busy ones BusyError; the rest are answered here. */
export type GuardReason = Exclude<RejectionReason, 'size' | 'busy'>;

const answers: Record<GuardReason, { status: number; code: string; message: string }> = {
  ip: { status: 403, code: 'WEBHOOK_FORBIDDEN', message: 'Calls from this address are not accepted by this webhook.' },
  rate: { status: 429, code: 'WEBHOOK_RATE_LIMITED', message: 'This webhook receives too many calls; retry after the time in Retry-After.' },
  auth: { status: 401, code: 'WEBHOOK_UNAUTHORIZED', message: "The request's signature or credentials were not accepted." },
  signature: { status: 401, code: 'WEBHOOK_UNAUTHORIZED', message: "The request's signature or credentials were not accepted." },
  stale: { status: 401, code: 'WEBHOOK_UNAUTHORIZED', message: "The request's signature or credentials were not accepted." },
  credential: { status: 401, code: 'WEBHOOK_UNAUTHORIZED', message: "The request's signature or credentials were not accepted." },
};

/**
 * A call a webhook guard refused. The answer is deliberately generic (all authentication
 * failures look alike to the caller); `reason` is only counted and logged.
 */
export class WebhookRejectedError extends FlowError {
  /** Seconds until a rate-limited caller may retry. */
  readonly retryAfterSeconds: number | undefined;
  /** The credential the guard checks with (named in the log when it is missing; never its value). */
  readonly credential: string | undefined;

  constructor(
    readonly reason: GuardReason,
    details: { retryAfterSeconds?: number; credential?: string } = {},
  ) {
    const answer = answers[reason];
    super(answer.code, answer.message, answer.status);
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.credential = details.credential;
  }
}
