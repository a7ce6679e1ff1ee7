import { PropertyFields } from './ObjectField';
import { GroupShell } from './FieldShell';
import { domId, type FieldProps } from './field-context';
import { fieldsOfVariant, switchVariant, variantOf, type DiscriminatedUnion } from './union-model';

/**
 * A discriminated union (an authentication scheme, a signature preset): a select of the kinds,
 * and under it the chosen kind's own fields. An optional union offers "None".
 */
export function UnionField({ union, schema, value, onChange, label, required, path, idBase, problems }: FieldProps & { union: DiscriminatedUnion }) {
  const id = domId(idBase, path);
  const shown = value ?? schema.default;
  const variant = variantOf(union, shown);
  const kindLabel = union.variants[0]!.schema.properties![union.key]!.title ?? 'Kind';
  return (
    <GroupShell id={id} legend={label} required={required} description={schema.description} problems={problems.get(path)}>
      <div className="form-field">
        <label htmlFor={id} className="field-label">
          {kindLabel}
        </label>
        <select
          id={id}
          value={variant ? String(variant.tag) : ''}
          onChange={(event) => {
            const chosen = union.variants.find((candidate) => String(candidate.tag) === event.target.value);
            onChange(chosen ? switchVariant(union, shown, chosen.tag) : undefined);
          }}
        >
          {!variant && <option value="">Choose…</option>}
          {variant && !required && schema.default === undefined && <option value="">None</option>}
          {union.variants.map((candidate) => (
            <option key={String(candidate.tag)} value={String(candidate.tag)}>
              {candidate.label}
            </option>
          ))}
        </select>
        {variant?.schema.description && <p className="field-help">{variant.schema.description}</p>}
      </div>
      {variant && (
        <PropertyFields
          schema={fieldsOfVariant(union, variant)}
          value={shown as Record<string, unknown>}
          onChange={(next) => onChange({ ...next, [union.key]: variant.tag })}
          path={path}
          idBase={idBase}
          problems={problems}
        />
      )}
    </GroupShell>
  );
}
