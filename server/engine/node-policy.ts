import type { NodeDefinition, NodeResult } from '../../nodes/define-node.js';
import { FlowError } from '../errors.js';
import type { FlowNode } from './flow-schema.js';
import type { OnError } from './node-settings.js';
import { retryDefaults } from './policy-defaults.js';

/** A node's settings with their defaults filled in, read once per flow version. */
export interface NodePolicy {
  /** Total tries; 1 tries once. */
  attempts: number;
  /** The wait before the first retry; each later one doubles it. */
  backoffMs: number;
  maxBackoffMs: number;
  /** Each wait is random between 0 and its back-off. */
  jitter: boolean;
  /** Retry when an attempt throws, or its error output names a network failure or timeout. */
  retryOnErrors: boolean;
  /** Retry when the error output carries one of these HTTP statuses. */
  retryStatuses: ReadonlySet<number>;
  /** One attempt's budget in ms; absent: no limit of its own. */
  timeoutMs?: number;
  onError: OnError;
  /** Whether the node type has an `error` port of its own (http-request, email): taking it is a failure. */
  ownErrorPort: boolean;
}

/** A failure that `onError` turned into a result, for the execution's trace to show. */
export interface NodeFailure {
  code: string;
  message: string;
}

export interface PolicyOutcome {
  result: NodeResult;
  /** How many attempts ran. */
  attempts: number;
  /** Present when `continue` or `errorPort` turned a failure into `result`. */
  failure?: NodeFailure;
}

export interface RetryInfo {
  /** The attempt that failed (1 for the first). */
  attempt: number;
  delayMs: number;
  /** The failure's message. */
  reason: string;
}

export interface PolicyRunOptions {
  /** The node's input: `continue` passes it on, `errorPort` carries it. */
  input: unknown;
  /** The node's ports; `continue` takes the first. */
  ports: readonly string[];
  /** The execution's signal: once it aborts, no attempt starts and no wait goes on. */
  signal: AbortSignal;
  onRetry?: (info: RetryInfo) => void;
}

/** One attempt ran past the node's `timeoutMs`; its signal is aborted with this error. */
export class NodeTimeoutError extends FlowError {
  constructor(readonly timeoutMs: number) {
    super('NODE_TIMEOUT', `The node took longer than ${timeoutMs} ms (its timeout per attempt).`, 504);
  }
}

/**
 * The failure codes of an error output that mean the remote side could not be reached or did not
 * answer in time (http-request and email name them): worth another try.
 */
const transientCodes = new Set([
  'TIMEOUT',
  'NETWORK_ERROR',
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'ECONNECTION',
  'ESOCKET',
  'EDNS',
]);

/**
 * The policy of a node, or undefined when its settings are all defaults (one try, no timeout,
 * failures stop the flow), so that the engine calls its run directly. The trigger and waiting
 * nodes (delay, wait for webhook) have none: prepareFlow refuses their settings.
 *
 * @example
 * policyOf({ ...node, settings: { retry: { attempts: 3 } } }, httpRequestNode)?.backoffMs; // 1000
 */
export function policyOf(node: FlowNode, definition: NodeDefinition): NodePolicy | undefined {
  const settings = node.settings;
  if (!settings || !definition.create || definition.waits || definition.category === 'trigger') return undefined;
  const retry = settings.retry ?? {};
  const attempts = retry.attempts ?? retryDefaults.attempts;
  const onError = settings.onError ?? 'fail';
  if (attempts === 1 && settings.timeoutMs === undefined && onError === 'fail') return undefined;
  const backoffMs = retry.backoffMs ?? retryDefaults.backoffMs;
  return {
    attempts,
    backoffMs,
    maxBackoffMs: retry.maxBackoffMs ?? Math.max(retryDefaults.maxBackoffMs, backoffMs),
    jitter: retry.jitter ?? retryDefaults.jitter,
    retryOnErrors: retry.on?.errors ?? retryDefaults.errors,
    retryStatuses: new Set(retry.on?.statuses ?? retryDefaults.statuses),
    ...(settings.timeoutMs !== undefined && { timeoutMs: settings.timeoutMs }),
    onError,
    ownErrorPort: definition.outputs.includes('error'),
  };
}

/** The wait before retry `retry` (1 for the first): back-off doubled each time, capped, and with jitter a random part of it. */
export function backoffDelay(policy: NodePolicy, retry: number): number {
  const ceiling = Math.min(policy.backoffMs * 2 ** (retry - 1), policy.maxBackoffMs);
  return policy.jitter ? Math.round(Math.random() * ceiling) : ceiling;
}

/** What one attempt came to. */
type Attempt = { failed: false; result: NodeResult } | { failed: true; error: unknown };

/**
 * Runs a node under its policy: each attempt with its own signal (the execution's, plus the
 * attempt's timeout), failed attempts retried after a back-off while the policy says they are
 * worth it, and the last failure handled as `onError` says.
 *
 * Never retried: an attempt after the execution's signal aborted, an address the outbound policy
 * refused (OUTBOUND_BLOCKED), an error marked `retryable: false`, and an error output that names
 * neither a retryable status nor a network failure (a 404, an invalid answer).
 *
 * @example
 * const { result, attempts } = await runWithPolicy(policy, (signal) => run({ ...ctx, signal }), { input, ports, signal });
 */
export async function runWithPolicy(
  policy: NodePolicy,
  attempt: (signal: AbortSignal) => NodeResult | Promise<NodeResult>,
  options: PolicyRunOptions,
): Promise<PolicyOutcome> {
  const { signal } = options;
  for (let tries = 1; ; tries++) {
    const outcome = await tryOnce(attempt, signal, policy.timeoutMs);
    if (signal.aborted) throw signal.reason;
    if (!outcome.failed && !(policy.ownErrorPort && outcome.result.port === 'error')) return { result: outcome.result, attempts: tries };
    const failure = failureOf(outcome);
    const wait = tries < policy.attempts ? retryWait(policy, outcome, tries) : undefined;
    if (wait === undefined) return settle(policy, outcome, failure, tries, options);
    options.onRetry?.({ attempt: tries, delayMs: wait, reason: failure.message });
    await sleep(wait, signal);
  }
}

/** One attempt, cut short by its timeout or the execution's end even when the node does not listen to its signal. */
function tryOnce(attempt: (signal: AbortSignal) => NodeResult | Promise<NodeResult>, signal: AbortSignal, timeoutMs: number | undefined): Promise<Attempt> {
  const settled = (own: AbortSignal) =>
    new Promise<NodeResult>((resolve) => resolve(attempt(own))).then(
      (result): Attempt => ({ failed: false, result }),
      (error: unknown): Attempt => ({ failed: true, error }),
    );
  if (timeoutMs === undefined) return settled(signal);
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let forward = () => {};
  const cut = new Promise<Attempt>((resolve) => {
    const stop = (error: unknown) => {
      controller.abort(error);
      resolve({ failed: true, error });
    };
    forward = () => stop(signal.reason);
    timer = setTimeout(() => stop(new NodeTimeoutError(timeoutMs)), timeoutMs);
  });
  if (signal.aborted) forward();
  else signal.addEventListener('abort', forward, { once: true });
  return Promise.race([settled(controller.signal), cut]).finally(() => {
    clearTimeout(timer);
    signal.removeEventListener('abort', forward);
  });
}

/** How long to wait before the next attempt, or undefined when the failure is not worth another. */
function retryWait(policy: NodePolicy, outcome: Attempt, tries: number): number | undefined {
  if (outcome.failed) return policy.retryOnErrors && mayRetry(outcome.error) ? backoffDelay(policy, tries) : undefined;
  const output = outcome.result.output as { status?: unknown; retryAfter?: unknown; error?: { code?: unknown } } | null | undefined;
  const byStatus = typeof output?.status === 'number' && policy.retryStatuses.has(output.status);
  const byCode = policy.retryOnErrors && typeof output?.error?.code === 'string' && transientCodes.has(output.error.code);
  if (!byStatus && !byCode) return undefined;
  const delay = backoffDelay(policy, tries);
  if (typeof output?.retryAfter !== 'number') return delay;
  // The remote side said when to come back; sooner would only be refused again, and later than the policy allows is not a retry.
  const asked = output.retryAfter * 1000;
  return asked > policy.maxBackoffMs ? undefined : Math.max(delay, asked);
}

/** Whether a thrown error may be retried: not a refusal of the outbound policy, nor one that says it must not be. */
function mayRetry(error: unknown): boolean {
  const { code, cause, retryable } = (error ?? {}) as { code?: unknown; cause?: { code?: unknown }; retryable?: unknown };
  return retryable !== false && code !== 'OUTBOUND_BLOCKED' && cause?.code !== 'OUTBOUND_BLOCKED';
}

/** The code and message of a failed attempt: its thrown error, or its error output. */
function failureOf(outcome: Attempt): NodeFailure {
  if (!outcome.failed) {
    const { error } = (outcome.result.output ?? {}) as { error?: { code?: unknown; message?: unknown } };
    return {
      code: typeof error?.code === 'string' ? error.code : 'NODE_FAILED',
      message: typeof error?.message === 'string' ? error.message : 'The node took its error output.',
    };
  }
  const { code } = (outcome.error ?? {}) as { code?: unknown };
  return { code: typeof code === 'string' ? code : 'NODE_FAILED', message: outcome.error instanceof Error ? outcome.error.message : String(outcome.error) };
}

/** The result of a node whose last attempt failed, as its `onError` says. */
function settle(policy: NodePolicy, outcome: Attempt, failure: NodeFailure, attempts: number, options: PolicyRunOptions): PolicyOutcome {
  if (policy.onError === 'continue') return { result: { port: options.ports[0] ?? 'out', output: options.input }, attempts, failure };
  if (!outcome.failed) return { result: outcome.result, attempts };
  if (policy.onError === 'errorPort') return { result: { port: 'error', output: { error: { ...failure, attempts }, input: options.input } }, attempts, failure };
  throw outcome.error;
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const stop = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', stop);
      resolve();
    }, ms);
    signal.addEventListener('abort', stop, { once: true });
  });
}
