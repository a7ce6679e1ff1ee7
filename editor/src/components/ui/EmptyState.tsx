import type { ReactNode } from 'react';
import './ui.css';

export interface EmptyStateProps {
  title: string;
  /** A sentence or two saying what would be here and how to start. */
  children: ReactNode;
  /** The buttons that start something. */
  actions?: ReactNode;
}

/**
 * What a list shows when it has nothing in it yet: what the thing is and how to make the first one.
 *
 * @example
 * <EmptyState title="No flows yet" actions={<button className="primary">New flow</button>}>
 *   A flow runs whenever its webhook URL is called.
 * </EmptyState>
 */
export function EmptyState({ title, children, actions }: EmptyStateProps) {
  return (
    <section className="ui-empty" aria-label={title}>
      <h2 className="ui-empty-title">{title}</h2>
      <div className="ui-empty-text">{children}</div>
      {actions && <div className="ui-empty-actions">{actions}</div>}
    </section>
  );
}
