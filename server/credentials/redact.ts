/** What replaces a credential's value wherever it appears. */
export const redactedText = '[redacted]';

/**
 * Replaces every occurrence of the given secret values in strings (and object keys), anywhere
 * inside a value. Copy on write: parts that hold no secret are returned as they are, so a record
 * keeps sharing its values (see compactRecord), and nothing the flow still holds is changed.
 *
 * @example createRedactor(['s3cr3t']).value({ error: 'denied for s3cr3t' }) // { error: 'denied for [redacted]' }
 */
export function createRedactor(secrets: Iterable<string>) {
  const sorted = [...new Set(secrets)].filter((secret) => secret !== '').sort((a, b) => b.length - a.length);
  const pattern = sorted.length === 0 ? undefined : new RegExp(sorted.map(escape).join('|'), 'g');
  const text = (input: string): string => (pattern ? input.replace(pattern, redactedText) : input);

  const value = (input: unknown, seen = new Map<object, unknown>()): unknown => {
    if (typeof input === 'string') return text(input);
    if (input === null || typeof input !== 'object' || !pattern) return input;
    if (seen.has(input)) return seen.get(input);
    seen.set(input, input);
    const redacted = Array.isArray(input) ? redactArray(input, seen) : redactObject(input as Record<string, unknown>, seen);
    seen.set(input, redacted);
    return redacted;
  };

  const redactArray = (input: unknown[], seen: Map<object, unknown>): unknown[] => {
    const output = input.map((item) => value(item, seen));
    return output.some((item, index) => item !== input[index]) ? output : input;
  };

  const redactObject = (input: Record<string, unknown>, seen: Map<object, unknown>): Record<string, unknown> => {
    let changed = false;
    const output: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(input)) {
      const safeKey = text(key);
      const safeChild = value(child, seen);
      if (safeKey !== key || safeChild !== child) changed = true;
      Object.defineProperty(output, safeKey, { value: safeChild, enumerable: true, writable: true, configurable: true });
    }
    return changed ? output : input;
  };

  return { text, value: <T>(input: T): T => value(input) as T };
}

export type Redactor = ReturnType<typeof createRedactor>;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
