import type { NodeServices, WebhookResponse } from '../../nodes/define-node.js';
import { previewCredentials } from '../credentials/preview-credentials.js';
import { customWebhookPath } from '../engine/webhook-path.js';
import { runFlow, type NodeTrace, type RunOutcome } from '../engine/run-flow.js';
import type { Logger } from '../logger.js';
import { createMemoryStore } from '../store/open-store.js';
import { sampleTrigger, type SampleInput } from './flow-samples.js';
import type { FlowRuntime } from './flow-runtime.js';
import { createSharedServices } from './node-services.js';

/** Why a node that would reach the outside world did not, in a preview. */
export const previewRefusals = {
  http: 'Preview does not send HTTP requests; save and call the webhook to run it for real.',
  mail: 'Preview does not send e-mail; save and call the webhook to run it for real.',
} as const;

/** The error code a refused request or e-mail carries to its node's `error` port. */
const skippedCode = 'PREVIEW_SKIPPED';

export interface PreviewNode extends Omit<NodeTrace, 'startedAt'> {
  /** Set when the node would have reached the outside world: why it did not. */
  skipped?: string;
}

export interface PreviewReport {
  status: RunOutcome['status'];
  result?: unknown;
  error?: RunOutcome['error'];
  /** What a respond node answered, as the webhook's caller would have received it. */
  response?: WebhookResponse;
  nodes: PreviewNode[];
}

export interface PreviewOptions {
  /** The whole run's budget (expressions are bounded by the runtime's limits on top). */
  timeoutMs: number;
  logger: Logger;
}

/**
 * Runs a flow document (saved or not) once on a sample request, in memory: compiled exactly as a
 * save compiles it, counters counting in a fresh store, HTTP requests and e-mail refused, nothing
 * recorded. Throws FlowValidationError when the document does not compile.
 *
 * @example
 * const report = await previewFlow(runtime, draft, { body: { orderId: 7 } }, { timeoutMs: 5000, logger });
 * report.nodes.find((node) => node.skipped); // the http-request node, if the flow has one
 */
export async function previewFlow(runtime: FlowRuntime, document: unknown, sample: SampleInput, options: PreviewOptions): Promise<PreviewReport> {
  const compiled = runtime.compile(document);
  const trigger = sampleTrigger(compiled, customWebhookPath(compiled.flow) ?? 'preview', sample);
  const counters = createMemoryStore();
  let response: WebhookResponse | undefined;
  const services: NodeServices = {
    ...createSharedServices(counters.flows, { fetch: refuseFetch, sendMail: refuseMail }, previewCredentials),
    respond(sent) {
      if (response) return false;
      response = sent;
      return true;
    },
    log: (message, details) => options.logger.debug({ preview: compiled.flow.id, ...details }, message),
  };
  try {
    const outcome = await runFlow(compiled, trigger, { services, timeoutMs: options.timeoutMs });
    return {
      status: outcome.status,
      ...(outcome.result === undefined ? {} : { result: outcome.result }),
      ...(outcome.error ? { error: outcome.error } : {}),
      ...(response ? { response } : {}),
      nodes: outcome.nodes.map(toPreviewNode),
    };
  } finally {
    await counters.close();
  }
}

/** Refuses like a network failure, so that the http-request node takes its `error` port. */
const refuseFetch: typeof fetch = async () => {
  throw new TypeError('fetch refused', { cause: { code: skippedCode, message: previewRefusals.http } });
};

/** Refuses like an SMTP failure, so that the e-mail node takes its `error` port. */
const refuseMail: NodeServices['sendMail'] = async () => {
  throw Object.assign(new Error(previewRefusals.mail), { code: skippedCode });
};

function toPreviewNode({ startedAt: _startedAt, ...trace }: NodeTrace): PreviewNode {
  const skipped = skipReason(trace);
  return skipped ? { ...trace, skipped } : trace;
}

/** The refusal a node met, seen in its error or in the error its `error` port carried. */
function skipReason(trace: Omit<NodeTrace, 'startedAt'>): string | undefined {
  const carried = (trace.output as { error?: { code?: unknown; message?: unknown } } | null | undefined)?.error;
  const message = trace.error ?? (carried?.code === skippedCode ? String(carried.message) : undefined);
  if (message === undefined) return undefined;
  return Object.values(previewRefusals).find((reason) => message.includes(reason));
}
