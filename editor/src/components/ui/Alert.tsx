import type { ReactNode } from 'react';
import { IconButton } from './IconButton';
import { CloseIcon } from './icons';
import './ui.css';

export interface AlertProps {
  title: string;
  children?: ReactNode;
  /** `error` (default) for something that failed, `info` for a notice. */
  tone?: 'error' | 'info';
  /** Shows a close button; without it the alert stays until its parent removes it. */
  onDismiss?: () => void;
  /** Extra buttons (e.g. "Retry") shown under the text. */
  actions?: ReactNode;
}

/**
 * A message that stays on the page until dismissed, announced by screen readers when it appears
 * (`role="alert"`). For short confirmations that go away by themselves use the toasts instead.
 *
 * @example
 * <Alert title="The file could not be imported" onDismiss={clear}>
 *   <ul>{problems.map((p) => <li key={p.path}>{p.path} → {p.message}</li>)}</ul>
 * </Alert>
 */
export function Alert({ title, children, tone = 'error', onDismiss, actions }: AlertProps) {
  return (
    <div role="alert" className={`ui-alert ui-alert-${tone}`}>
      <div className="ui-alert-text">
        <p className="ui-alert-title">{title}</p>
        {children}
        {actions && <div className="ui-alert-actions">{actions}</div>}
      </div>
      {onDismiss && (
        <IconButton label={`Dismiss: ${title}`} icon={<CloseIcon />} onClick={onDismiss} />
      )}
    </div>
  );
}
