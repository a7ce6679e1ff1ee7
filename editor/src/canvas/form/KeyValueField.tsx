import { useState } from 'react';
import { resolveSchema } from '../schema-defaults';
import { GroupShell } from './FieldShell';
import { domId, type FieldProps } from './field-context';

type Pair = { key: string; value: string };

/** An object with free keys (`additionalProperties`): editable key/value rows. */
export function KeyValueField({ schema, value, onChange, label, path, idBase, problems }: FieldProps) {
  // Rows being typed (an empty name, a repeated name) live here until they make a valid map;
  // a value that arrives from elsewhere (undo) replaces them.
  const [local, setLocal] = useState<{ rows: Pair[]; emitted: unknown }>({ rows: pairsOf(value), emitted: value });
  const rows = local.emitted === value ? local.rows : pairsOf(value);
  const valueSchema = typeof schema.additionalProperties === 'object' ? resolveSchema(schema.additionalProperties) : {};
  const id = domId(idBase, path);

  const update = (next: Pair[]) => {
    const entries = next.filter((row) => row.key !== '').map((row) => [row.key, valueSchema.type === 'number' ? Number(row.value) : row.value]);
    const emitted = entries.length ? Object.fromEntries(entries) : undefined;
    setLocal({ rows: next, emitted });
    onChange(emitted);
  };

  return (
    <GroupShell id={id} legend={label} description={schema.description} problems={problems.get(path)}>
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
    </GroupShell>
  );
}

function pairsOf(value: unknown): Pair[] {
  const map = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  return Object.entries(map).map(([key, item]) => ({ key, value: String(item ?? '') }));
}
