import { useEffect, useState } from 'react';
import { FlowEditorPage } from './pages/FlowEditorPage';
import { FlowsPage } from './pages/FlowsPage';

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
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route.page === 'flow' ? <FlowEditorPage key={route.flowId} flowId={route.flowId} /> : <FlowsPage />;
}
