import type { JsonSchema } from '../../api/types';
import { childPath, domId, type FieldProps } from './field-context';
import { SchemaField } from './SchemaField';

type ObjectValue = Record<string, unknown>;

interface PropertiesProps {
  schema: JsonSchema;
  value: ObjectValue;
  onChange(value: ObjectValue): void;
  path: string;
  idBase: string;
  problems: ReadonlyMap<string, string[]>;
}

/** The fields of an object's properties, in schema order; clearing an optional field removes its key. */
export function PropertyFields({ schema, value, onChange, path, idBase, problems }: PropertiesProps) {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([key, property]) => (
    <SchemaField
      key={key}
      schema={property}
      value={value[key]}
      onChange={(next) => {
        const { [key]: _removed, ...rest } = value;
        onChange(next === undefined ? rest : { ...rest, [key]: next });
      }}
      label={property.title ?? key}
      required={required.has(key)}
      path={childPath(path, key)}
      idBase={idBase}
      problems={problems}
    />
  ));
}

/** A nested object: its properties in a fieldset. */
export function ObjectField({ schema, value, onChange, label, path, idBase, problems }: FieldProps) {
  const objectValue = (value && typeof value === 'object' ? value : {}) as ObjectValue;
  const ownProblems = problems.get(path);
  return (
    <fieldset className="form-group" aria-describedby={schema.description ? `${domId(idBase, path)}-help` : undefined}>
      <legend>{label}</legend>
      {schema.description && (
        <p id={`${domId(idBase, path)}-help`} className="field-help">
          {schema.description}
        </p>
      )}
      {ownProblems?.map((message) => (
        <p key={message} className="field-error">
          {message}
        </p>
      ))}
      <PropertyFields schema={schema} value={objectValue} onChange={onChange} path={path} idBase={idBase} problems={problems} />
    </fieldset>
  );
}
