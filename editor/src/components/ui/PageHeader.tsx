import type { ReactNode } from 'react';

/** A page's title, a sentence on what it is for, and its main buttons on the right. */
export function PageHeader({ title, children, actions }: { title: string; children?: ReactNode; actions?: ReactNode }) {
  return (
    <header className="admin-header">
      <div>
        <h1>{title}</h1>
        {children && <p className="admin-subtitle">{children}</p>}
      </div>
      {actions && <div className="admin-actions">{actions}</div>}
    </header>
  );
}
