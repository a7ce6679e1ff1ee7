import { useCanEdit } from '../../auth/session-context';
import { ExpressionEditor } from '../expression/ExpressionEditor';
import { resolveSchema, typeOf } from '../schema-defaults';
import { domId, type FieldProps } from './field-context';
import { describedByOf, FieldShell } from './FieldShell';
import { optionLabels } from './form-layout';

/** Long free text (an e-mail body) gets a text area; shorter strings a single line. */
const textAreaFrom = 10_000;

/** A string, number, boolean or enum field: one control. */
export function ScalarField({ schema: raw, value, onChange, label, required, path, idBase, problems }: FieldProps) {
  const schema = resolveSchema(raw);
  const canEdit = useCanEdit();
  const id = domId(idBase, path);
  const fieldProblems = problems.get(path);
  const describedBy = describedByOf(id, schema.description, fieldProblems);
  const invalid = fieldProblems?.length ? true : undefined;
  const shown = value ?? schema.default;
  const type = typeOf(schema);
  const common = { id, 'aria-describedby': describedBy, 'aria-invalid': invalid, required };

  let control;
  if (schema.enum) {
    control = (
      <select {...common} value={shown === undefined ? '' : String(shown)} onChange={(event) => onChange(schema.enum!.find((option) => String(option) === event.target.value))}>
        {shown === undefined && <option value="">Choose…</option>}
        {schema.enum.map((option) => (
          <option key={String(option)} value={String(option)}>
            {optionLabels[String(option)] ?? String(option)}
          </option>
        ))}
      </select>
    );
  } else if (type === 'boolean') {
    control = <input {...common} type="checkbox" checked={Boolean(shown)} onChange={(event) => onChange(event.target.checked)} />;
  } else if (type === 'number' || type === 'integer') {
    control = (
      <input
        {...common}
        type="number"
        inputMode={type === 'integer' ? 'numeric' : 'decimal'}
        step={type === 'integer' ? 1 : 'any'}
        min={schema.minimum}
        max={schema.maximum}
        value={typeof shown === 'number' ? shown : ''}
        onChange={(event) => onChange(event.target.value === '' ? undefined : Number(event.target.value))}
      />
    );
  } else if (schema.widget === 'jsonata') {
    control = (
      <ExpressionEditor id={id} value={typeof value === 'string' ? value : ''} onChange={onChange} labelId={`${id}-label`} describedBy={describedBy} invalid={invalid} readOnly={!canEdit} />
    );
  } else {
    const text = typeof shown === 'string' ? shown : '';
    const change = (next: string) => onChange(next === '' && !required ? undefined : next);
    control =
      (schema.maxLength ?? 0) >= textAreaFrom ? (
        <textarea {...common} rows={4} value={text} onChange={(event) => change(event.target.value)} />
      ) : (
        <input {...common} type="text" value={text} onChange={(event) => change(event.target.value)} spellCheck={false} />
      );
  }

  return (
    <FieldShell id={id} label={label} required={required} description={schema.description} problems={fieldProblems}>
      {control}
    </FieldShell>
  );
}
