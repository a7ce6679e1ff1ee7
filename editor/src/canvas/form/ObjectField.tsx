import type { JsonSchema } from '../../api/types';
import { objectDefaults } from '../schema-defaults';
import { childPath, domId, type FieldProps } from './field-context';
import { GroupShell } from './FieldShell';
import { choiceDetails, visibleKeys } from './form-layout';
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

/**
 * The fields of an object's properties, in schema order; clearing an optional field removes its key.
 * A property holding the details of one choice of a sibling select shows only with that choice,
 * and is then needed (drawn as required).
 */
export function PropertyFields({ schema, value, onChange, path, idBase, problems }: PropertiesProps) {
  const required = new Set([...(schema.required ?? []), ...choiceDetails(schema).keys()]);
  const shown = new Set(visibleKeys(schema, value));
  return Object.entries(schema.properties ?? {}).filter(([key]) => shown.has(key)).map(([key, property]) => (
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

/**
 * A nested object: its properties in a fieldset. An optional object without a default (a rate
 * limit, CORS) has a checkbox in its legend: its fields show, and it is saved, only while ticked.
 */
export function ObjectField({ schema, value, onChange, label, required, path, idBase, problems }: FieldProps) {
  const objectValue = (value && typeof value === 'object' ? value : {}) as ObjectValue;
  const switchable = !required && schema.default === undefined;
  const on = !switchable || (value !== undefined && value !== null);
  return (
    <GroupShell
      id={domId(idBase, path)}
      legend={
        switchable ? (
          <label className="form-group-switch">
            <input type="checkbox" checked={on} onChange={(event) => onChange(event.target.checked ? objectDefaults(schema) : undefined)} /> {label}
          </label>
        ) : (
          label
        )
      }
      description={schema.description}
      problems={problems.get(path)}
    >
      {on && <PropertyFields schema={schema} value={objectValue} onChange={onChange} path={path} idBase={idBase} problems={problems} />}
    </GroupShell>
  );
}
