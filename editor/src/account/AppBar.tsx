import { hrefOf, type Route } from '../App';
import { useSession } from '../auth/session-context';
import { UserMenu } from './UserMenu';
import './account.css';

/** The bar along the top of every page: the editor's sections, the viewer's read-only badge and the user menu. */
export function AppBar({ route }: { route: Route }) {
  const { canEdit, isOwner } = useSession();
  const links: { route: Route; label: string }[] = [
    { route: { page: 'flows' }, label: 'Flows' },
    { route: { page: 'credentials' }, label: 'Credentials' },
    ...(isOwner
      ? [
          { route: { page: 'users' } as Route, label: 'Users' },
          { route: { page: 'audit' } as Route, label: 'Audit log' },
        ]
      : []),
  ];
  const current = route.page === 'flow' ? 'flows' : route.page;
  return (
    <nav className="app-bar" aria-label="Hookflow">
      <span className="app-bar-brand">Hookflow</span>
      <ul className="app-bar-links">
        {links.map((link) => (
          <li key={link.route.page}>
            <a href={hrefOf(link.route)} aria-current={link.route.page === current ? 'page' : undefined}>
              {link.label}
            </a>
          </li>
        ))}
      </ul>
      {!canEdit && (
        <span className="read-only-badge" title="Your role lets you look at flows, executions and credentials, not change them.">
          read-only: viewer
        </span>
      )}
      <UserMenu />
    </nav>
  );
}
