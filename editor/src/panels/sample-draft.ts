/** A sample request as the API stores and takes it (`Sample` and `SampleInput` of api/runs.ts fit it). */
export interface SampleRequest {
  method: string;
  headers: Record<string, string>;
  query: Record<string, string | string[]>;
  body: unknown;
}

/** The sample as the editor's text fields hold it while someone edits it. */
export interface SampleDraft {
  method: string;
  body: string;
  query: string;
  headers: string;
}

/** What is wrong with each field of a draft, in words for the person editing it. */
export type DraftErrors = Partial<Record<'body' | 'query' | 'headers', string>>;

export const sampleMethods = ['POST', 'GET', 'PUT', 'PATCH', 'DELETE'] as const;

/** The text fields for a stored sample, or for an empty POST when there is none. */
export function draftOf(sample: SampleRequest | undefined): SampleDraft {
  return {
    method: sample?.method ?? 'POST',
    body: sample?.body === undefined ? '' : JSON.stringify(sample.body, null, 2),
    query: sample && Object.keys(sample.query).length > 0 ? JSON.stringify(sample.query, null, 2) : '',
    headers: sample && Object.keys(sample.headers).length > 0 ? JSON.stringify(sample.headers, null, 2) : '',
  };
}

/**
 * The sample a draft describes, or what is wrong with it. An empty body is a request without a
 * body; empty query and headers are none.
 *
 * @example
 * readDraft({ method: 'POST', body: '{"a": 1}', query: '', headers: '' })
 * // { sample: { method: 'POST', body: { a: 1 }, query: {}, headers: {} }, errors: {} }
 */
export function readDraft(draft: SampleDraft): { sample?: SampleRequest; errors: DraftErrors } {
  const errors: DraftErrors = {};
  const body = readJson(draft.body, 'The body', errors, 'body');
  const query = readObject(draft.query, 'The query', 'string or list of strings', (value) => typeof value === 'string' || (Array.isArray(value) && value.every((item) => typeof item === 'string')), errors, 'query');
  const headers = readObject(draft.headers, 'The headers', 'string', (value) => typeof value === 'string', errors, 'headers');
  if (Object.keys(errors).length > 0) return { errors };
  return {
    sample: {
      method: draft.method,
      body,
      query: (query ?? {}) as Record<string, string | string[]>,
      headers: Object.fromEntries(Object.entries((headers ?? {}) as Record<string, string>).map(([name, value]) => [name.toLowerCase(), value])),
    },
    errors,
  };
}

function readJson(text: string, what: string, errors: DraftErrors, field: keyof DraftErrors): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    errors[field] = `${what} is not valid JSON: ${describeParseError(text, error)}`;
    return undefined;
  }
}

function readObject(text: string, what: string, valueWord: string, valid: (value: unknown) => boolean, errors: DraftErrors, field: keyof DraftErrors): unknown {
  const value = readJson(text, what, errors, field);
  if (value === undefined || errors[field]) return value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    errors[field] = `${what} must be a JSON object of names and values, like {"name": "value"}.`;
    return undefined;
  }
  const wrong = Object.entries(value).find(([, item]) => !valid(item));
  if (wrong) errors[field] = `${what}: the value of "${wrong[0]}" must be a ${valueWord}.`;
  return value;
}

/** The parser's message, with the line and column of the mistake when the parser names only a position. */
export function describeParseError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(message);
  if (!position || /line \d+/.test(message)) return message;
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${message} (line ${line}, column ${column})`;
}
