import type { ReactNode } from 'react';
import { useSession } from '../auth/session-context';
import { EmptyState } from '../components/ui';

/** Shows an owner's page to owners only; anyone else reads why it is not there for them. */
export function OwnerOnly({ children }: { children: ReactNode }) {
  const { user, isOwner } = useSession();
  if (isOwner) return <>{children}</>;
  return (
    <main className="page admin-page">
      <EmptyState title="Only owners see this page">
        <p>Your role ({user.role}) does not include managing users or reading the audit log. Ask an owner if you need it.</p>
      </EmptyState>
    </main>
  );
}
