import { isDeepStrictEqual } from 'node:util';
import autocannon from 'autocannon';
import { expectedSummary, order, webhookPath } from './bench-flow.js';
import type { Target } from './start-target.js';

/** The concurrency of the bar: 50 keep-alive connections, no pipelining. */
export const connections = 50;

const requestBody = JSON.stringify(order);
const headers = { 'content-type': 'application/json' };

/** One load phase against one target; only clean phases (every answer 200 and right) yield one. */
export interface LoadSample {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Requests written to the wire, answered or not. */
  sent: number;
  /** Requests answered 2xx with the expected body. */
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
 * Drives `target` with autocannon for `durationSeconds`. Throws, rather than returning numbers,
 * when any request failed, timed out, was not 2xx or got another body: a fast error is no result.
 */
export async function runLoad(target: Target, durationSeconds: number, expectBody: string): Promise<LoadSample> {
  const result = await autocannon({
    url: `${target.url}${webhookPath}`,
    connections,
    duration: durationSeconds,
    method: 'POST',
    headers,
    body: requestBody,
    expectBody,
  });
  const ok = result['2xx'];
  if (ok === 0 || result.non2xx > 0 || result.errors > 0 || result.mismatches > 0) {
    throw new Error(
      `${target.name} failed under load: ${ok} answered 2xx, ${result.non2xx} non-2xx ${JSON.stringify(result.statusCodeStats ?? {})}, ` +
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
