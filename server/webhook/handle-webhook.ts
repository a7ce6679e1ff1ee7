import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { TriggerRequest, WebhookResponse } from '../../nodes/define-node.js';
import type { WebhookConfig } from '../../nodes/webhook.js';
import { BadRequestError, FlowError, StorageUnavailableError } from '../errors.js';
import type { RunOutcome } from '../engine/run-flow.js';
import { sendError, sendJson } from '../http/send.js';
import { baseUrlOf } from '../routes/flow-view.js';
import type { Logger } from '../logger.js';
import type { ExecutionSlots } from '../runtime/execution-slots.js';
import type { Executor } from '../runtime/executor.js';
import type { FlowRuntime } from '../runtime/flow-runtime.js';
import { storageRetryAfter } from '../store/storage-health.js';
import type { StoredFlow } from '../store/types.js';
import type { CredentialSource } from '../credentials/types.js';
import type { Metrics } from '../metrics/metrics.js';
import type { TrustProxy } from './guards/client-address.js';
import { applyCors } from './guards/cors.js';
import { guardedCalls, rememberDelivery, reportRejection, retryAfterOf } from './guards/guarded-call.js';
import { parseBody } from './parse-body.js';
import { requestIdFrom } from '../http/request-id.js';
import { readRawBody } from './read-body.js';
import { toTriggerRequest } from './to-trigger.js';
import { writeFlowResponse } from './write-response.js';

export interface WebhookDeps {
  runtime: FlowRuntime;
  executor: Executor;
  /** Places for executions: the flows' concurrency limits and the server's. */
  slots: ExecutionSlots;
  logger: Logger;
  maxBodyBytes: number;
  /** The configured public base URL; without it, URLs are built from the request's host. */
  publicUrl: string | undefined;
  /** Sees every request to a test URL before it runs (the editor listening for a sample). */
  onTestRequest?: (stored: StoredFlow, trigger: TriggerRequest) => void;
  /** Where guards read the secrets their triggers name. */
  credentials: CredentialSource;
  /** Which proxies are believed about the caller's address (`HOOKFLOW_TRUST_PROXY`); none when absent. */
  trustProxy?: TrustProxy;
  /** Counts refused calls; uncounted when absent. */
  metrics?: Metrics;
}

/** Serves one request under a webhook prefix; `rest` is the URL after the prefix, query included. */
export type WebhookHandler = (req: IncomingMessage, res: ServerResponse, rest: string) => Promise<void>;

/**
 * Serves `/webhook/<path>` (live: active flows only) and `/webhook-test/<path>` (any flow,
 * recorded as a test execution) on Node's own request and response, outside Express: this is
 * the hot path. The trigger's guards (address, rate, method, size, credentials or signature,
 * repeated delivery) and the content type are checked before any flow code runs; every refusal is
 * a JSON error with a fitting status. A flow without guards skips them entirely. Then the call takes
 * a place among the executions (waiting in order when the flow or server is at its limit), or is
 * refused 429/503 with Retry-After when the queue is full.
 */
export function createWebhookHandler(deps: WebhookDeps, mode: 'webhook' | 'test'): WebhookHandler {
  const prefix = mode === 'webhook' ? '/webhook/' : '/webhook-test/';
  const { guardsFor, deliveries } = guardedCalls(deps);
  return async (req, res, rest) => {
    const queryAt = rest.indexOf('?');
    const path = (queryAt < 0 ? rest : rest.slice(0, queryAt)).replace(/^\/+|\/+$/g, '');
    let flowId: string | undefined;
    try {
      const stored = path ? deps.runtime.findByWebhookPath(path) : undefined;
      if (!stored || (mode === 'webhook' && !stored.flow.active)) {
        throw new FlowError('WEBHOOK_NOT_FOUND', `No ${mode === 'webhook' ? 'active ' : ''}flow answers at ${prefix}${path}.`, 404);
      }
      flowId = stored.flow.id;
      const compiled = deps.runtime.compiledFor(stored);
      const webhook = compiled.trigger.config as WebhookConfig;
      const guards = guardsFor(compiled);
      guards?.admit(req, Date.now());
      if (guards?.corsOrigins && applyCors(req, res, guards.corsOrigins, webhook.methods)) return;
      const method = req.method ?? 'GET';
      if (!(webhook.methods as readonly string[]).includes(method)) {
        const allow = webhook.methods.join(', ');
        return sendError(res, new BadRequestError(`This webhook accepts ${allow}, not ${method}.`, 'METHOD_NOT_ALLOWED', 405), { allow });
      }
      const raw = await readRawBody(req, guards?.maxBodyBytes ?? deps.maxBodyBytes);
      guards?.authenticate(req, raw, Date.now());
      const query = queryAt < 0 ? {} : (parseQuery(rest.slice(queryAt + 1)) as Record<string, string | string[]>);
      const trigger = toTriggerRequest(req, `${prefix}${path}`, query, parseBody(raw, req.headers['content-type'], req.headers['content-encoding']));
      // Only live calls are de-duplicated: a test call is sent again on purpose.
      const delivery = mode === 'webhook' ? guards?.deliveryKey(req, trigger.body) : undefined;
      const original = delivery === undefined ? undefined : deliveries.find(delivery, Date.now());
      if (original !== undefined) return sendJson(res, 200, { executionId: original, status: 'duplicate', statusUrl: statusUrl(req, deps, original) });
      const executionMode = mode === 'test' ? 'test' : 'webhook';
      if (mode === 'test') deps.onTestRequest?.(stored, trigger);
      // A call that could not be recorded must not run: the sender retries once the disk takes writes again.
      if (deps.runtime.store.executions.storageProblem() !== undefined) throw new StorageUnavailableError();
      // A test call counts against the server's limits only: it does not queue behind live calls.
      const slot = deps.slots.reserve(flowId, mode === 'webhook' ? webhook.concurrency : undefined);
      if (webhook.respond === 'immediately') {
        const execution = deps.executor.execute(stored, compiled, trigger, { mode: executionMode, recordStart: true, slot });
        if (delivery !== undefined) rememberDelivery(deliveries, delivery, execution, guards!.dedupeWindowSeconds);
        await execution.accepted;
        return sendJson(res, 202, { executionId: execution.id, status: 'accepted', statusUrl: statusUrl(req, deps, execution.id) });
      }
      const pending = (id: string) => ({ status: deps.executor.inFlight(id)?.status ?? 'running', statusUrl: statusUrl(req, deps, id) });
      answerWithResult(res, pending, webhook, (respond) => {
        const execution = deps.executor.execute(stored, compiled, trigger, { mode: executionMode, respond, slot });
        if (delivery !== undefined) rememberDelivery(deliveries, delivery, execution, guards!.dedupeWindowSeconds);
        return execution;
      });
    } catch (error) {
      if (flowId !== undefined) reportRejection(deps, req, res, flowId, error);
      if (!(error instanceof FlowError)) deps.logger.error({ err: error, path: `${prefix}${path}`, requestId: requestIdFrom(res) }, 'webhook request failed');
      if (!res.headersSent) sendError(res, error, retryAfterOf(error) ?? storageRetryAfter(error));
    }
  };
}

/**
 * lastNode mode: the first of a respond node, the flow's result, or the response budget
 * answers the caller; the execution goes on and is recorded whatever happens to the caller.
 */
function answerWithResult(
  res: ServerResponse,
  /** Where the caller polls, and whether the execution runs or still waits for a place. */
  pending: (executionId: string) => { status: string; statusUrl: string },
  webhook: WebhookConfig,
  start: (respond: (response: WebhookResponse) => boolean) => { id: string; outcome: Promise<RunOutcome> },
): void {
  let answered = false;
  const answer = (send: () => void): boolean => {
    if (answered || res.headersSent) return false;
    answered = true;
    clearTimeout(budget);
    send();
    return true;
  };
  const execution = start((response) => answer(() => writeFlowResponse(res, response)));
  const budget = setTimeout(() => {
    answer(() => {
      if (webhook.onTimeout === 'fail') {
        sendJson(res, 504, { error: { code: 'RESPONSE_TIMEOUT', message: `The flow did not answer within ${webhook.responseTimeoutMs} ms; it goes on running.`, executionId: execution.id } });
      } else {
        sendJson(res, 202, { executionId: execution.id, ...pending(execution.id) });
      }
    });
  }, webhook.responseTimeoutMs);
  void execution.outcome.then((outcome) =>
    answer(() => {
      if (outcome.status === 'succeeded') return writeFlowResponse(res, { status: 200, headers: {}, body: outcome.result });
      const status = outcome.status === 'timeout' ? 504 : 502;
      sendJson(res, status, { error: { ...outcome.error, executionId: execution.id } });
    }),
  );
}

/** Where a caller polls a result that outlived its response budget. */
function statusUrl(req: IncomingMessage, deps: WebhookDeps, executionId: string): string {
  return `${baseUrlOf(req, deps.publicUrl)}/webhook-result/${executionId}`;
}
