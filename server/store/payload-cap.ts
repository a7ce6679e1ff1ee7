import type { ExecutionRecord, RecordedNode } from './types.js';

/** Default for HOOKFLOW_RECORD_MAX_VALUE_BYTES: the largest node input, output or result a record keeps. */
export const defaultMaxValueBytes = 256 * 1024;

/** How much of a left-out value's JSON its marker keeps, in characters. */
const previewChars = 1024;

/**
 * What a record holds instead of a value too large to keep: says so in words, how large the
 * value was, and the start of its JSON so that a person can still tell what it was.
 */
export interface TruncatedValue {
  $truncated: string;
  bytes: number;
  preview: string;
}

/** True for the marker `capPayloads` puts in place of a value it left out. */
export function isTruncatedValue(value: unknown): value is TruncatedValue {
  return value !== null && typeof value === 'object' && typeof (value as Partial<TruncatedValue>).$truncated === 'string';
}

/**
 * The JSON line to store for `record`: `text` itself (already `JSON.stringify(record)`) when it
 * is within `maxValueBytes`, else the record with each node input and output and the result
 * whose JSON is larger than `maxValueBytes` replaced by a TruncatedValue marker. The request is
 * never capped (re-runs and crash recovery need it; the webhook body limit bounds it), nor
 * anything outside `nodes` and `result`. A value stored by reference (`inputRef`, `outputRef`,
 * `resultRef`) points at a node output or the request, so it expands to whatever stands there.
 *
 * @example
 * capRecordText(record, JSON.stringify(record), 262_144) // the same text for a small record
 */
export function capRecordText(record: ExecutionRecord, text: string, maxValueBytes: number): string {
  // The hot path: a record this short in characters cannot be longer than the cap in bytes.
  if (text.length * 3 <= maxValueBytes || Buffer.byteLength(text) <= maxValueBytes) return text;
  let capped = false;
  const cap = (value: unknown): unknown => {
    const replaced = capValue(value, maxValueBytes);
    if (replaced !== value) capped = true;
    return replaced;
  };
  const nodes = record.nodes.map((node): RecordedNode => {
    const input = cap(node.input);
    const output = cap(node.output);
    return input === node.input && output === node.output ? node : { ...node, input, output };
  });
  const result = cap(record.result);
  return capped ? JSON.stringify({ ...record, nodes, result }) : text;
}

/** `value`, or its marker when its JSON is longer than `maxValueBytes` bytes. */
function capValue(value: unknown, maxValueBytes: number): unknown {
  if (value === undefined || isTruncatedValue(value)) return value;
  const json = JSON.stringify(value);
  if (json === undefined || json.length * 3 <= maxValueBytes) return value;
  const bytes = Buffer.byteLength(json);
  if (bytes <= maxValueBytes) return value;
  return {
    $truncated: `Value of ${bytes} bytes not recorded (HOOKFLOW_RECORD_MAX_VALUE_BYTES is ${maxValueBytes})`,
    bytes,
    preview: previewOf(json),
  } satisfies TruncatedValue;
}

/** The first characters of `json`, never ending in half of a surrogate pair. */
function previewOf(json: string): string {
  const preview = json.slice(0, previewChars);
  const last = preview.charCodeAt(preview.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? preview.slice(0, -1) : preview;
}
