import { z } from 'zod';
import type { ExecutionStatus, ExecutionSummary, StoreLogger } from './types.js';

export const executionStatuses = ['queued', 'running', 'waiting', 'succeeded', 'failed', 'timeout'] as const satisfies readonly ExecutionStatus[];
/** Statuses of an execution that is not over: a restart carries on with it, the status URL answers 202. */
export const unfinishedStatuses: readonly ExecutionStatus[] = ['queued', 'running', 'waiting'];
export const executionModes = ['webhook', 'test', 'cli', 'api', 'error'] as const satisfies readonly ExecutionSummary['mode'][];

/** What a log line must hold to be listed; the rest of the record is read only by `get`. */
const summarySchema = z.looseObject({
  id: z.string().min(1),
  flowId: z.string().min(1),
  flowVersion: z.number().int(),
  mode: z.enum(executionModes),
  status: z.enum(executionStatuses),
  startedAt: z.string().refine((text) => Number.isFinite(Date.parse(text)), 'startedAt must be a date'),
  finishedAt: z.string().optional(),
  durationMs: z.number().optional(),
  resumeAt: z.string().optional(),
  error: z.object({ nodeId: z.string().optional(), code: z.string(), message: z.string() }).optional(),
});

/**
 * What the index keeps of each record for listing: numbers and strings the record shares with
 * others (flow id, mode, status), plus its id. Thousands of these live in memory for as long as
 * retention keeps them, so the dates stay numbers until a listing asks for them.
 */
export interface CompactSummary {
  id: string;
  flowId: string;
  flowVersion: number;
  mode: ExecutionSummary['mode'];
  status: ExecutionSummary['status'];
  finishedMs?: number;
  durationMs?: number;
  resumeMs?: number;
  error?: ExecutionSummary['error'];
}

/** One readable line of a segment: its summary and where its bytes are. */
export interface SegmentLine {
  summary: CompactSummary;
  startedMs: number;
  offset: number;
  /** Without the newline. */
  length: number;
  text: string;
}

/** What the index keeps of a record. */
export function summarise(record: ExecutionSummary): CompactSummary {
  const { id, flowId, flowVersion, mode, status, finishedAt, durationMs, resumeAt, error } = record;
  const summary: CompactSummary = { id, flowId, flowVersion, mode, status };
  if (finishedAt !== undefined) summary.finishedMs = Date.parse(finishedAt);
  if (durationMs !== undefined) summary.durationMs = durationMs;
  if (resumeAt !== undefined) summary.resumeMs = Date.parse(resumeAt);
  if (error !== undefined) summary.error = { ...error };
  return summary;
}

/** The listing view of a record, made when a listing asks for it. */
export function expandSummary(summary: CompactSummary, startedMs: number): ExecutionSummary {
  const { id, flowId, flowVersion, mode, status, finishedMs, durationMs, resumeMs, error } = summary;
  const expanded: ExecutionSummary = { id, flowId, flowVersion, mode, status, startedAt: new Date(startedMs).toISOString() };
  if (finishedMs !== undefined) expanded.finishedAt = new Date(finishedMs).toISOString();
  if (durationMs !== undefined) expanded.durationMs = durationMs;
  if (resumeMs !== undefined) expanded.resumeAt = new Date(resumeMs).toISOString();
  if (error !== undefined) expanded.error = { ...error };
  return expanded;
}

/**
 * Splits a segment into its lines. A line that is cut short or unreadable (the tail of a write
 * interrupted by a crash) is skipped with a warning: losing one record beats refusing to start.
 */
export function parseSegment(seq: number, data: Buffer, warn: StoreLogger): SegmentLine[] {
  const lines: SegmentLine[] = [];
  for (let offset = 0; offset < data.length; ) {
    const newline = data.indexOf(0x0a, offset);
    const end = newline === -1 ? data.length : newline;
    const text = data.toString('utf8', offset, end);
    const parsed = parseSummary(text);
    if (parsed) lines.push({ summary: summarise(parsed), startedMs: Date.parse(parsed.startedAt), offset, length: end - offset, text });
    else if (text.trim() !== '') {
      warn(newline === -1 ? 'Skipped a truncated last line in the execution log.' : 'Skipped an unreadable line in the execution log.', { segment: seq, offset });
    }
    offset = end + 1;
  }
  return lines;
}

function parseSummary(text: string): ExecutionSummary | undefined {
  try {
    const parsed = summarySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
