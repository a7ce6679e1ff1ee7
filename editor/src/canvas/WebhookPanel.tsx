import { useState } from 'react';
import type { WebhookUrls } from '../api/types';

/** The trigger's URL with a copy button and a ready curl command to call it. */
export function WebhookPanel({ webhook, active, methods }: { webhook: WebhookUrls; active: boolean; methods: string[] }) {
  const [copied, setCopied] = useState<string | undefined>();
  const method = methods.includes('POST') ? 'POST' : (methods[0] ?? 'POST');
  const withBody = method !== 'GET' && method !== 'HEAD';
  const curl = `curl -X ${method} ${webhook.url}${withBody ? ` -H 'content-type: application/json' -d '{"hello": "world"}'` : ''}`;
  const copy = async (what: string, text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(what);
    } catch {
      setCopied(undefined);
    }
  };
  return (
    <section className="webhook-panel" aria-label="Webhook URL">
      <h3>Webhook URL</h3>
      {!active && <p className="field-help">The URL answers once the flow is active (switch “Active” on at the top).</p>}
      <div className="copy-row">
        <code className="webhook-url" data-testid="webhook-url">
          {webhook.url}
        </code>
        <button type="button" onClick={() => copy('url', webhook.url)}>
          {copied === 'url' ? 'Copied' : 'Copy URL'}
        </button>
      </div>
      <h3>Try it</h3>
      <div className="copy-row">
        <code className="curl-example">{curl}</code>
        <button type="button" onClick={() => copy('curl', curl)}>
          {copied === 'curl' ? 'Copied' : 'Copy command'}
        </button>
      </div>
    </section>
  );
}
