import type { Role } from '../api/auth';
import { roles } from './roles';

/** A select of the three roles. */
export function RoleSelect({ value, onChange, label, id, disabled }: { value: Role; onChange: (role: Role) => void; label?: string; id?: string; disabled?: boolean }) {
  return (
    <select id={id} aria-label={label} value={value} disabled={disabled} onChange={(event) => onChange(event.target.value as Role)}>
      {roles.map((option) => (
        <option key={option.role} value={option.role}>
          {option.label}
        </option>
      ))}
    </select>
  );
}
