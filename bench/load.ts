import { isDeepStrictEqual } from 'node:util';
import autocannon from 'autocannon';
import { acceptedWebhookPath, expectedSummary, order, webhookPath } from './bench-flow.js';
import type { Target } from './start-target.js';

/** The concurrency of the bar: 50 keep-alive connections, no pipelining. */
export const connections = 50;

const requestBody = JSON.stringify(order);
const headers = { 'content-type': 'application/json' };

/** What one load phase sends, for how long, and what every answer must be. */
export interface LoadPlan {
  /** The webhook path requests go to (`webhookPath` or `acceptedWebhookPath`). */
  path: string;
  durationSeconds: number;
  /** Keep-alive connections, each with one request in flight (default `connections`). */
  connections?: number;
  /** The status every answer must have. */
  status: number;
  /** The exact body every answer must have, or a check each body must pass. */
  expectBody?: string;
  verifyBody?: (body: string) => boolean;
}

/** One load phase against one target; only clean phases (every answer as expected) yield one. */
export interface LoadSample {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Requests written to the wire, answered or not. */
  sent: number;
  /** Requests answered with the expected status and body. */
  answered: number;
}

/**
 * Sends the bench request once and checks the answer is 200 with the expected summary, so a
 * broken target fails with its own error message instead of a count of mismatches. Returns the
 * exact body text, which every answer under load must then equal byte for byte.
 */
export async function checkAnswer(target: Target): Promise<string> {
  const response = await fetch(`${target.url}${webhookPath}`, { method: 'POST', headers, body: requestBody });
  const text = await response.text();
  if (response.status !== 200 || !isDeepStrictEqual(parseJson(text), expectedSummary)) {
    throw new Error(`${target.name} answered ${response.status} ${text.slice(0, 500)}; expected 200 ${JSON.stringify(expectedSummary)}.`);
  }
  return text;
}

/**
 * The bench request to the `immediately` flow must be accepted: 202 with its execution id, sent
 * once the execution is recorded.
 */
export async function checkAccepted(target: Target): Promise<void> {
  const response = await fetch(`${target.url}${acceptedWebhookPath}`, { method: 'POST', headers, body: requestBody });
  const text = await response.text();
  if (response.status !== 202 || !isAcceptance(text)) {
    throw new Error(`${target.name} answered ${response.status} ${text.slice(0, 500)}; expected 202 with an execution id and status "accepted".`);
  }
}

/** Whether an answer body is the 202 of an accepted execution. */
export function isAcceptance(text: string): boolean {
  const body = parseJson(text) as { executionId?: unknown; status?: unknown } | undefined;
  return typeof body?.executionId === 'string' && body.status === 'accepted';
}

/**
 * Drives `target` with autocannon as `plan` says. Throws, rather than returning numbers, when any
 * request failed, timed out, got another status or another body: a fast error is no result.
 */
export async function runLoad(target: Target, plan: LoadPlan): Promise<LoadSample> {
  const result = await autocannon({
    url: `${target.url}${plan.path}`,
    connections: plan.connections ?? connections,
    duration: plan.durationSeconds,
    method: 'POST',
    headers,
    body: requestBody,
    ...(plan.expectBody === undefined ? {} : { expectBody: plan.expectBody }),
    ...(plan.verifyBody === undefined ? {} : { verifyBody: (body) => typeof body === 'string' && plan.verifyBody!(body) }),
  });
  const statuses: Record<string, { count?: number }> = result.statusCodeStats ?? {};
  const ok = statuses[plan.status]?.count ?? 0;
  const otherStatuses = Object.keys(statuses).some((status) => Number(status) !== plan.status);
  if (ok === 0 || otherStatuses || result.errors > 0 || result.mismatches > 0) {
    throw new Error(
      `${target.name} failed under load: ${ok} answered ${plan.status}, statuses ${JSON.stringify(statuses)}, ` +
        `${result.errors} errors (${result.timeouts} timeouts), ${result.mismatches} unexpected bodies.`,
    );
  }
  // Answers over the elapsed time, not autocannon's mean of per-second samples: on a busy machine
  // its sampling timer slips, and the samples then no longer cover the window.
  return { requestsPerSecond: ok / result.duration, p50Ms: result.latency.p50, p99Ms: result.latency.p99, sent: result.requests.sent, answered: ok };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
