import { useEffect, useState } from 'react';
import { FlowEditorPage } from './pages/FlowEditorPage';
import { FlowsPage } from './pages/FlowsPage';
import { unsavedWork } from './leave-guard';

/** The editor's routes, kept in the URL's hash so that the server serves one page: `#/` and `#/flows/<id>`. */
export type Route = { page: 'flows' } | { page: 'flow'; flowId: string };

export function parseRoute(hash: string): Route {
  const match = /^#\/flows\/([^/?#]+)/.exec(hash);
  return match ? { page: 'flow', flowId: decodeURIComponent(match[1]!) } : { page: 'flows' };
}

export function hrefOf(route: Route): string {
  return route.page === 'flow' ? `#/flows/${encodeURIComponent(route.flowId)}` : '#/';
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
  return route.page === 'flow' ? <FlowEditorPage key={route.flowId} flowId={route.flowId} /> : <FlowsPage />;
}
