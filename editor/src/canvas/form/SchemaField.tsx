import { resolveSchema, typeOf } from '../schema-defaults';
import { ArrayField } from './ArrayField';
import { CredentialField } from './CredentialField';
import type { FieldProps } from './field-context';
import { FlowsField } from './FlowsField';
import { KeyValueField } from './KeyValueField';
import { ObjectField } from './ObjectField';
import { ScalarField } from './ScalarField';
import { UnionField } from './UnionField';
import { discriminatedUnionOf } from './union-model';

/** Picks the control for a JSON Schema: a kind with its own fields, nested objects, key/value maps, lists, a credential, or a single control. */
export function SchemaField(props: FieldProps) {
  const union = discriminatedUnionOf(props.schema);
  if (union) return <UnionField {...props} union={union} />;
  const schema = resolveSchema(props.schema);
  if (schema.widget === 'credential') return <CredentialField {...props} schema={schema} />;
  if (schema.widget === 'flows') return <FlowsField {...props} schema={schema} />;
  const type = typeOf(schema);
  if (type === 'array') return <ArrayField {...props} schema={schema} />;
  if (type === 'object' && schema.properties) return <ObjectField {...props} schema={schema} />;
  if (type === 'object') return <KeyValueField {...props} schema={schema} />;
  return <ScalarField {...props} schema={schema} />;
}
