/** How many entries of an object or array, and characters of a string, the data view shows before "Show more". */
export const visibleLimits = { entries: 50, textLength: 300 } as const;

/** Object and array levels opened at first; deeper ones start folded so big payloads stay readable. */
export const openDepth = 2;

/** What an execution record holds in place of a value too large to keep (the server's HOOKFLOW_RECORD_MAX_VALUE_BYTES). */
export interface TruncatedMarker {
  $truncated: string;
  bytes: number;
  /** The start of the value's JSON. */
  preview?: string;
}

/** True for the marker of a value the server did not record in full. */
export function isTruncatedMarker(value: unknown): value is TruncatedMarker {
  return kindOf(value) === 'object' && typeof (value as Partial<TruncatedMarker>).$truncated === 'string';
}

export type JsonKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null' | 'undefined';

export function kindOf(value: unknown): JsonKind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  if (type === 'object') return 'object';
  if (type === 'string' || type === 'number' || type === 'boolean') return type;
  return 'undefined';
}

/** The entries of an object or array: [key, value] pairs, array keys as indexes. Other values have none. */
export function entriesOf(value: unknown): [string, unknown][] {
  if (Array.isArray(value)) return value.map((item, index) => [String(index), item]);
  if (kindOf(value) === 'object') return Object.entries(value as Record<string, unknown>);
  return [];
}

/** The first `shown` entries and how many are left out. */
export function limitEntries<T>(entries: readonly T[], shown: number): { visible: T[]; hidden: number } {
  return { visible: entries.slice(0, shown), hidden: Math.max(0, entries.length - shown) };
}

/** A string cut after `max` characters, and whether it was cut. */
export function clipText(text: string, max: number): { text: string; clipped: boolean } {
  return text.length > max ? { text: text.slice(0, max), clipped: true } : { text, clipped: false };
}

/**
 * A one-line description of a value for a folded line of the tree.
 *
 * @example
 * summarize({ a: 1, b: 2 }) // '{…} 2 keys'
 */
export function summarize(value: unknown): string {
  const kind = kindOf(value);
  if (kind === 'array') {
    const length = (value as unknown[]).length;
    return `[…] ${length} ${length === 1 ? 'item' : 'items'}`;
  }
  if (kind === 'object') {
    const length = Object.keys(value as object).length;
    return `{…} ${length} ${length === 1 ? 'key' : 'keys'}`;
  }
  if (kind === 'string') return JSON.stringify(value);
  if (kind === 'undefined') return 'nothing';
  return String(value);
}
