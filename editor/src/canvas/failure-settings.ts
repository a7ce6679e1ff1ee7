import type { FlowNode } from '../api/types.js';

export type NodeSettings = NonNullable<FlowNode['settings']>;
export type RetrySettings = NonNullable<NodeSettings['retry']>;
export type OnError = NonNullable<NodeSettings['onError']>;

/**
 * `value` without its unset parts: undefined fields and objects left empty are dropped, so a flow
 * file keeps only what a person set; undefined when nothing is left.
 *
 * @example
 * pruneSettings({ retry: { attempts: undefined, on: {} }, onError: 'continue' }); // { onError: 'continue' }
 */
export function pruneSettings<T extends object>(value: T): T | undefined {
  const kept = Object.entries(value).flatMap(([key, field]): [string, unknown][] => {
    const pruned = field !== null && typeof field === 'object' && !Array.isArray(field) ? pruneSettings(field) : field;
    return pruned === undefined ? [] : [[key, pruned]];
  });
  return kept.length ? (Object.fromEntries(kept) as T) : undefined;
}

/** The node with `settings` (pruned); without the key when nothing is set. */
export function withSettings(node: FlowNode, settings: NodeSettings): FlowNode {
  const { settings: _old, ...rest } = node;
  const pruned = pruneSettings(settings);
  return pruned ? { ...rest, settings: pruned } : rest;
}

/** The HTTP statuses a text such as "429, 503" lists; undefined when it lists none. Other words are skipped. */
export function parseStatuses(text: string): number[] | undefined {
  const statuses = text
    .split(/[\s,;]+/)
    .filter((word) => /^\d+$/.test(word))
    .map(Number);
  return statuses.length ? statuses : undefined;
}

export const sameStatuses = (a: readonly number[] | undefined, b: readonly number[] | undefined): boolean => (a ?? []).join() === (b ?? []).join();

/** Milliseconds as the seconds the form shows. */
export const toSeconds = (ms: number | undefined): number | undefined => (ms === undefined ? undefined : ms / 1000);

/** Seconds typed in the form as the milliseconds a flow file holds. */
export const toMilliseconds = (seconds: number | undefined): number | undefined => (seconds === undefined ? undefined : Math.round(seconds * 1000));
