import type { ReactNode } from 'react';

interface FieldShellProps {
  id: string;
  label: string;
  required: boolean;
  description?: string;
  problems?: string[];
  children: ReactNode;
}

/** A label, the control, its help text and the server's problems for it. */
export function FieldShell({ id, label, required, description, problems, children }: FieldShellProps) {
  return (
    <div className={`form-field${problems?.length ? ' has-problem' : ''}`}>
      <label id={`${id}-label`} htmlFor={id} className="field-label">
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      {children}
      {description && (
        <p id={`${id}-help`} className="field-help">
          {description}
        </p>
      )}
      {problems?.map((message) => (
        <p key={message} id={`${id}-problem`} className="field-error">
          {message}
        </p>
      ))}
    </div>
  );
}

/** The `aria-describedby` of a control: its help and problem texts. */
export function describedByOf(id: string, description: string | undefined, problems: string[] | undefined): string | undefined {
  const ids = [description ? `${id}-help` : undefined, problems?.length ? `${id}-problem` : undefined].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

interface GroupShellProps {
  id: string;
  /** The legend's content: the label, or a control such as an on/off checkbox with it. */
  legend: ReactNode;
  required?: boolean;
  description?: string;
  problems?: string[];
  children: ReactNode;
}

/** A group of fields (an object, a list, a choice with its own fields): a legend, its help text and the server's problems for the whole group. */
export function GroupShell({ id, legend, required = false, description, problems, children }: GroupShellProps) {
  return (
    <fieldset className="form-group" aria-describedby={description ? `${id}-help` : undefined}>
      <legend>
        {legend}
        {required && <span aria-hidden="true"> *</span>}
      </legend>
      {description && (
        <p id={`${id}-help`} className="field-help">
          {description}
        </p>
      )}
      {problems?.map((message) => (
        <p key={message} className="field-error">
          {message}
        </p>
      ))}
      {children}
    </fieldset>
  );
}
