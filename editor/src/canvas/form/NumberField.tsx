import { FieldShell } from './FieldShell';

interface NumberFieldProps {
  id: string;
  label: string;
  help: string;
  value: number | undefined;
  placeholder: number | string;
  min: number;
  max: number;
  step?: number;
  onChange(value: number | undefined): void;
}

/** A number input whose empty value means the default (shown as the placeholder). */
export function NumberField({ id, label, help, value, placeholder, min, max, step, onChange }: NumberFieldProps) {
  return (
    <FieldShell id={id} label={label} required={false} description={help}>
      <input
        id={id}
        type="number"
        aria-describedby={`${id}-help`}
        min={min}
        max={max}
        step={step ?? 'any'}
        placeholder={String(placeholder)}
        value={value ?? ''}
        onChange={(event) => onChange(event.target.value === '' ? undefined : Number(event.target.value))}
      />
    </FieldShell>
  );
}
