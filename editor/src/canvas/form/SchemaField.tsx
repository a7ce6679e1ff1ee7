import { resolveSchema, typeOf } from '../schema-defaults';
import { ArrayField } from './ArrayField';
import type { FieldProps } from './field-context';
import { KeyValueField } from './KeyValueField';
import { ObjectField } from './ObjectField';
import { ScalarField } from './ScalarField';

/** Picks the control for a JSON Schema: nested objects, key/value maps, lists, or a single control. */
export function SchemaField(props: FieldProps) {
  const schema = resolveSchema(props.schema);
  const type = typeOf(schema);
  if (type === 'array') return <ArrayField {...props} schema={schema} />;
  if (type === 'object' && schema.properties) return <ObjectField {...props} schema={schema} />;
  if (type === 'object') return <KeyValueField {...props} schema={schema} />;
  return <ScalarField {...props} schema={schema} />;
}
