import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WebhookConfig } from '../../../nodes/webhook.js';
import type { CompiledFlow } from '../../engine/compile-flow.js';
import type { Execution } from '../../runtime/executor.js';
import { FlowError } from '../../errors.js';
import { BusyError } from '../../runtime/busy-error.js';
import { requestIdFrom } from '../../http/request-id.js';
import type { WebhookDeps } from '../handle-webhook.js';
import { clientAddress, trustNone } from './client-address.js';
import { DeliveryLog } from './delivery-log.js';
import { WebhookRejectedError, type RejectionReason } from './rejection.js';
import { createGuards, type WebhookGuards } from './webhook-guards.js';

interface GuardedCalls {
  /** The guards of a compiled flow version (built on its first call); undefined when it has none. */
  guardsFor(compiled: CompiledFlow): WebhookGuards | undefined;
  /** The deliveries recently run, for de-duplication. */
  deliveries: DeliveryLog;
}

/** Shared by the live and test handlers of one app (they get the same deps), so both draw on one rate budget. */
const perApp = new WeakMap<WebhookDeps, GuardedCalls>();

/** The guard state of the webhook handlers built on `deps`: guards per flow version, and the delivery log. */
export function guardedCalls(deps: WebhookDeps): GuardedCalls {
  let calls = perApp.get(deps);
  if (calls) return calls;
  const built = new WeakMap<CompiledFlow, WebhookGuards | null>();
  const env = { credentials: deps.credentials, trustProxy: deps.trustProxy ?? trustNone, maxBodyBytes: deps.maxBodyBytes };
  calls = {
    guardsFor(compiled) {
      let guards = built.get(compiled);
      if (guards === undefined) {
        guards = createGuards(compiled.flow.id, compiled.trigger.config as WebhookConfig, env) ?? null;
        built.set(compiled, guards);
      }
      return guards ?? undefined;
    },
    deliveries: new DeliveryLog(),
  };
  perApp.set(deps, calls);
  return calls;
}

/** The reason of a refused call, if `error` is one: a guard's refusal, the body reader's 413 or a full queue. */
function reasonOf(error: unknown): RejectionReason | undefined {
  if (error instanceof WebhookRejectedError) return error.reason;
  if (error instanceof BusyError) return 'busy';
  return error instanceof FlowError && error.code === 'PAYLOAD_TOO_LARGE' ? 'size' : undefined;
}

/**
 * Counts and logs a refused call: flow, reason, caller address and request id, never the body or a header's value. A missing credential is also logged as an error naming it, since every
 * call fails until someone creates it.
 */
export function reportRejection(deps: WebhookDeps, req: IncomingMessage, res: ServerResponse, flowId: string, error: unknown): void {
  const reason = reasonOf(error);
  if (reason === undefined) return;
  deps.metrics?.countRejection(flowId, reason);
  deps.logger.warn({ flowId, reason, ip: clientAddress(req, deps.trustProxy ?? trustNone), requestId: requestIdFrom(res) }, 'webhook call refused');
  if (reason === 'credential') {
    const credential = (error as WebhookRejectedError).credential;
    deps.logger.error({ flowId, credential, requestId: requestIdFrom(res) }, `webhook guard of flow "${flowId}" refuses every call: credential "${credential}" is missing or not of the type its check needs`);
  }
}

/** The Retry-After header of a rate-limited or busy call. */
export function retryAfterOf(error: unknown): Record<string, string> | undefined {
  const seconds = error instanceof WebhookRejectedError || error instanceof BusyError ? error.retryAfterSeconds : undefined;
  return seconds === undefined ? undefined : { 'retry-after': String(seconds) };
}

/**
 * Remembers the run a delivery started. A run that is not recorded, fails or times out is
 * forgotten again, so that the sender's retry (it got an error) runs the event once more.
 */
export function rememberDelivery(deliveries: DeliveryLog, key: string, execution: Execution, windowSeconds: number): void {
  deliveries.remember(key, execution.id, Date.now(), windowSeconds);
  const forget = () => deliveries.forget(key, execution.id);
  execution.accepted.catch(forget);
  void execution.outcome.then((outcome) => outcome.status === 'succeeded' || forget());
}
