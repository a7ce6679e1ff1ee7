import type { JsonSchema } from '../../api/types';

/** What every form field receives: its schema, value and where it sits in the node's config. */
export interface FieldProps {
  schema: JsonSchema;
  value: unknown;
  onChange(value: unknown): void;
  label: string;
  required: boolean;
  /** The config path, e.g. `rules[0].condition`; server problems are matched on it. */
  path: string;
  /** Unique prefix for element ids. */
  idBase: string;
  problems: ReadonlyMap<string, string[]>;
}

export const childPath = (path: string, key: string | number): string =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;

export const domId = (idBase: string, path: string): string => `${idBase}-${path.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
