import { initialValue, resolveSchema, typeOf } from '../schema-defaults';
import { GroupShell } from './FieldShell';
import { childPath, domId, type FieldProps } from './field-context';
import { SchemaField } from './SchemaField';

/** A list: one control (or group, for objects) per item, with add, remove and reorder buttons. */
export function ArrayField({ schema, value, onChange, label, required, path, idBase, problems }: FieldProps) {
  const items = Array.isArray(value) ? value : Array.isArray(schema.default) ? (schema.default as unknown[]) : [];
  const itemSchema = resolveSchema(schema.items ?? {});
  const grouped = typeOf(itemSchema) === 'object';
  const itemNoun = itemSchema.title ?? singularOf(label);
  const id = domId(idBase, path);
  const ownProblems = problems.get(path);
  const full = schema.maxItems !== undefined && items.length >= schema.maxItems;

  const replace = (next: unknown[]) => onChange(next.length === 0 && !required ? undefined : next);
  const newItem = () => {
    const unused = itemSchema.enum?.find((option) => !items.includes(option));
    return unused ?? initialValue(itemSchema, true);
  };
  const move = (index: number, by: number) => {
    const next = [...items];
    const [item] = next.splice(index, 1);
    next.splice(index + by, 0, item);
    replace(next);
  };

  return (
    <GroupShell id={id} legend={label} required={required} description={schema.description} problems={ownProblems}>
      <ol className={grouped ? 'array-items grouped' : 'array-items'}>
        {items.map((item, index) => {
          const itemLabel = `${itemNoun} ${index + 1}`;
          return (
            <li key={index} className="array-item">
              <SchemaField
                schema={itemSchema}
                value={item}
                onChange={(next) => replace(items.map((old, at) => (at === index ? next : old)))}
                label={itemLabel}
                required
                path={childPath(path, index)}
                idBase={idBase}
                problems={problems}
              />
              <div className="array-item-actions">
                <button type="button" className="icon-button" aria-label={`Move ${itemLabel} up`} disabled={index === 0} onClick={() => move(index, -1)}>
                  ↑
                </button>
                <button type="button" className="icon-button" aria-label={`Move ${itemLabel} down`} disabled={index === items.length - 1} onClick={() => move(index, 1)}>
                  ↓
                </button>
                <button type="button" className="icon-button" aria-label={`Remove ${itemLabel}`} onClick={() => replace(items.filter((_, at) => at !== index))}>
                  ×
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <button type="button" disabled={full} onClick={() => replace([...items, newItem()])}>
        Add {itemNoun.toLowerCase()}
      </button>
    </GroupShell>
  );
}

/** What one item of a list labelled `label` is called: "Allowed addresses" → "Allowed address". */
function singularOf(label: string): string {
  if (/sses$/.test(label)) return label.slice(0, -2);
  if (/ies$/.test(label)) return `${label.slice(0, -3)}y`;
  return label.endsWith('s') ? label.slice(0, -1) : 'item';
}
