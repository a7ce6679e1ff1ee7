import { useEffect, useState } from 'react';
import { AppBar } from './account/AppBar';
import { TokensPage } from './account/TokensPage';
import { AuditPage } from './admin/AuditPage';
import { OwnerOnly } from './admin/OwnerOnly';
import { UsersPage } from './admin/UsersPage';
import { CredentialsPage } from './credentials/CredentialsPage';
import { FlowEditorPage } from './pages/FlowEditorPage';
import { FlowsPage } from './pages/FlowsPage';
import { unsavedWork } from './leave-guard';

/**
 * The editor's routes, kept in the URL's hash so that the server serves one page: `#/`, `#/flows/<id>`,
 * `#/credentials`, `#/account/tokens`, `#/admin/users` and `#/admin/audit`.
 */
export type Route = { page: 'flows' } | { page: 'flow'; flowId: string } | { page: 'credentials' | 'tokens' | 'users' | 'audit' };

/** The hash of each page without a parameter. */
const pageHashes = { flows: '#/', credentials: '#/credentials', tokens: '#/account/tokens', users: '#/admin/users', audit: '#/admin/audit' } as const;

export function parseRoute(hash: string): Route {
  const match = /^#\/flows\/([^/?#]+)/.exec(hash);
  if (match) return { page: 'flow', flowId: decodeURIComponent(match[1]!) };
  const named = Object.entries(pageHashes).find(([page, href]) => page !== 'flows' && href === hash);
  return named ? ({ page: named[0] } as Route) : { page: 'flows' };
}

export function hrefOf(route: Route): string {
  return route.page === 'flow' ? `#/flows/${encodeURIComponent(route.flowId)}` : pageHashes[route.page];
}

export function navigate(route: Route): void {
  window.location.hash = hrefOf(route);
}

export function App() {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    let shown = window.location.hash;
    const onChange = () => {
      const next = parseRoute(window.location.hash);
      const question = unsavedWork();
      if (question && hrefOf(next) !== hrefOf(parseRoute(shown)) && !window.confirm(question)) {
        // Staying: put the address back without a hashchange, so the page on screen stays as it is.
        window.history.pushState(null, '', shown || '#/');
        return;
      }
      shown = window.location.hash;
      setRoute(next);
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return (
    <>
      <AppBar route={route} />
      <PageOf route={route} />
    </>
  );
}

function PageOf({ route }: { route: Route }) {
  switch (route.page) {
    case 'flow':
      return <FlowEditorPage key={route.flowId} flowId={route.flowId} />;
    case 'credentials':
      return <CredentialsPage />;
    case 'tokens':
      return <TokensPage />;
    case 'users':
      return (
        <OwnerOnly>
          <UsersPage />
        </OwnerOnly>
      );
    case 'audit':
      return (
        <OwnerOnly>
          <AuditPage />
        </OwnerOnly>
      );
    default:
      return <FlowsPage />;
  }
}
