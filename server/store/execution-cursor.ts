import { BadRequestError } from '../errors.js';

/** A position in the newest-first listing: executions sort by start time, then id. */
export interface ListPosition {
  startedMs: number;
  id: string;
}

/** Orders positions oldest first. */
export function comparePositions(a: ListPosition, b: ListPosition): number {
  if (a.startedMs !== b.startedMs) return a.startedMs - b.startedMs;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The cursor names the last item of a page rather than an offset, so the next page neither repeats
 * nor skips items when new executions arrive in between.
 */
export function encodeCursor(position: ListPosition): string {
  return Buffer.from(`${position.startedMs}:${position.id}`).toString('base64url');
}

export function decodeCursor(cursor: string): ListPosition {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const colon = text.indexOf(':');
  const startedMs = Number(text.slice(0, colon));
  if (colon < 1 || !Number.isFinite(startedMs) || colon === text.length - 1) {
    throw new BadRequestError('The cursor is not one this server handed out.', 'BAD_CURSOR');
  }
  return { startedMs, id: text.slice(colon + 1) };
}
