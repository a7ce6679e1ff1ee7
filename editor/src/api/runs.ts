import { request } from './client';
import type { ExecutionNode, ExecutionStatus, FlowDocument, FlowProblem } from './types';

/** What the editor sends as a sample request: every part is optional (`PUT /api/flows/:id/sample`, `POST /api/preview`). */
export interface SampleInput {
  method?: string;
  headers?: Record<string, string>;
  query?: Record<string, string | string[]>;
  body?: unknown;
}

/** A flow's stored sample request: pasted by hand or caught on the flow's test URL. */
export interface Sample {
  method: string;
  path: string;
  headers: Record<string, string>;
  query: Record<string, string | string[]>;
  body: unknown;
  receivedAt: string;
}

/**
 * One node of a preview run. `skipped` says why the node did not reach the outside world (a preview
 * sends no HTTP request or e-mail); such a node still ran and took its port (`error` for a request).
 */
export interface PreviewNode {
  nodeId: string;
  type: string;
  status: ExecutionNode['status'];
  input: unknown;
  output?: unknown;
  port?: string;
  error?: string;
  durationMs?: number;
  skipped?: string;
}

/** `POST /api/preview`: the draft run once on the sample, nothing recorded. */
export interface PreviewResult {
  status: 'succeeded' | 'failed' | 'timeout';
  result?: unknown;
  error?: { nodeId?: string; code: string; message: string };
  response?: { status: number; headers: Record<string, string>; body: unknown };
  nodes: PreviewNode[];
}

/** What `POST /api/preview` answers: the run, or every problem of a draft that does not compile. */
export type PreviewAnswer = PreviewResult | { status: 'invalid'; problems: PreviewProblem[]; nodes: [] };

/** A problem of a draft flow; `position` points into the expression it is about. */
export interface PreviewProblem extends FlowProblem {
  position?: unknown;
}

const flowPath = (flowId: string) => `/api/flows/${encodeURIComponent(flowId)}`;

/** The flow's stored sample, or undefined when it has none yet (`{ "sample": null }`). */
export async function getSample(flowId: string): Promise<Sample | undefined> {
  return (await request<{ sample: Sample | null }>('GET', `${flowPath(flowId)}/sample`)).sample ?? undefined;
}

/** Stores a sample typed or pasted by hand and answers it as the server keeps it. */
export async function saveSample(flowId: string, sample: SampleInput): Promise<Sample> {
  return (await request<{ sample: Sample }>('PUT', `${flowPath(flowId)}/sample`, sample)).sample;
}

/** Where a re-run starts: the trigger, or the node that failed (with its recorded input and the earlier nodes' outputs). */
export type RerunFrom = 'start' | 'failed-node';

/** Runs an execution again on its recorded request; answers the new execution's id. */
export function rerunExecution(executionId: string, from: RerunFrom = 'start'): Promise<{ executionId: string; status: ExecutionStatus }> {
  return request('POST', `/api/executions/${encodeURIComponent(executionId)}/rerun`, { from });
}

/**
 * Waits (up to `timeoutMs`) for a call to the flow's test URL: the sample it caught, or undefined
 * when nothing arrived in time. Aborting `signal` ends the wait at once.
 */
export async function listenForSample(flowId: string, signal: AbortSignal, timeoutMs = 30_000): Promise<Sample | undefined> {
  const answer = await request<{ sample: Sample } | undefined>('POST', `${flowPath(flowId)}/listen?timeoutMs=${timeoutMs}`, undefined, {}, signal);
  return answer?.sample;
}

/** Runs the draft `flow` on `sample` without saving or recording anything; a draft that does not compile answers `invalid` with its problems. */
export function previewFlow(flow: FlowDocument, sample: SampleInput, signal: AbortSignal): Promise<PreviewAnswer> {
  return request<PreviewAnswer>('POST', '/api/preview', { flow, sample }, {}, signal);
}

/** True for the rejection of a request whose signal was aborted: not an error to show. */
export const isAbort = (error: unknown): boolean => error instanceof DOMException && error.name === 'AbortError';
