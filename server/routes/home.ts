import type { Response } from 'express';

/**
 * The page at `/` when the editor has not been built (`npm run build` builds it): what Hookflow
 * is and how to use its API, with this server's own URLs.
 */
export function renderHome(res: Response, base: string): void {
  res.type('html').send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Hookflow</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}
code,pre{font:14px ui-monospace,monospace;background:#f3f4f6;border-radius:4px}pre{padding:.75rem;overflow:auto}</style></head>
<body><h1>Hookflow is running</h1>
<p>Hookflow runs flows when their webhook URL is called. The visual editor has not been built on this
server: run <code>npm run build</code> and restart to get it. Meanwhile, manage flows through the REST API or
the <code>hookflow</code> command line.</p>
<h2>Get an API token</h2>
<p>Every <code>/api</code> call needs an account. Stop Hookflow, then in its folder on this machine
create yourself and a token, and start it again:</p>
<pre>npx hookflow user create --username you --role owner
export HOOKFLOW_TOKEN=$(npx hookflow token create --username you --name cli)
npm start</pre>
<h2>See your flows and their webhook URLs</h2>
<pre>curl -H "authorization: Bearer $HOOKFLOW_TOKEN" ${escape(base)}/api/flows</pre>
<h2>Call a flow</h2>
<pre>curl -X POST ${escape(base)}/webhook/&lt;path-or-token&gt; \\
  -H 'content-type: application/json' -d '{"hello": "world"}'</pre>
<h2>Watch what happened</h2>
<pre>curl -H "authorization: Bearer $HOOKFLOW_TOKEN" '${escape(base)}/api/executions?limit=5'</pre>
<h2>More</h2>
<ul><li><code>GET /api/node-types</code>: the node types and their settings</li>
<li><code>POST /api/import</code>, <code>GET /api/flows/&lt;id&gt;/export</code>: move flow files in and out</li>
<li><code>npx hookflow --help</code>: the command line</li></ul>
<p>The README that ships with Hookflow describes every endpoint and setting.</p>
</body></html>`);
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
