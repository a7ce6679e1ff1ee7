import { useState } from 'react';
import { resolveSchema } from '../schema-defaults';
import { domId, type FieldProps } from './field-context';

type Pair = { key: string; value: string };

/** An object with free keys (`additionalProperties`): editable key/value rows. */
export function KeyValueField({ schema, value, onChange, label, path, idBase, problems }: FieldProps) {
  const map = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const [rows, setRows] = useState<Pair[]>(() => Object.entries(map).map(([key, item]) => ({ key, value: String(item ?? '') })));
  const valueSchema = typeof schema.additionalProperties === 'object' ? resolveSchema(schema.additionalProperties) : {};
  const id = domId(idBase, path);

  const update = (next: Pair[]) => {
    setRows(next);
    const entries = next.filter((row) => row.key !== '').map((row) => [row.key, valueSchema.type === 'number' ? Number(row.value) : row.value]);
    onChange(entries.length ? Object.fromEntries(entries) : undefined);
  };

  return (
    <fieldset className="form-group" aria-describedby={schema.description ? `${id}-help` : undefined}>
      <legend>{label}</legend>
      {schema.description && (
        <p id={`${id}-help`} className="field-help">
          {schema.description}
        </p>
      )}
      {problems.get(path)?.map((message) => (
        <p key={message} className="field-error">
          {message}
        </p>
      ))}
      {rows.map((row, index) => (
        <div key={index} className="key-value-row">
          <input aria-label={`${label} ${index + 1} name`} value={row.key} onChange={(event) => update(rows.map((old, at) => (at === index ? { ...old, key: event.target.value } : old)))} />
          <input aria-label={`${label} ${index + 1} value`} value={row.value} onChange={(event) => update(rows.map((old, at) => (at === index ? { ...old, value: event.target.value } : old)))} />
          <button type="button" className="icon-button" aria-label={`Remove ${label} ${index + 1}`} onClick={() => update(rows.filter((_, at) => at !== index))}>
            ×
          </button>
        </div>
      ))}
      <button type="button" onClick={() => update([...rows, { key: '', value: '' }])}>
        Add entry
      </button>
    </fieldset>
  );
}
