import { useState } from 'react';
import type { WebhookUrls } from '../api/types';
import { RotateUrlDialog } from './RotateUrlDialog';

interface WebhookPanelProps {
  flowId: string;
  webhook: WebhookUrls;
  active: boolean;
  methods: string[];
  /** A viewer cannot rotate the URL. */
  readOnly: boolean;
  onRotated(webhook: WebhookUrls): void;
}

/** The trigger's URL with a copy button, "Rotate URL", and a ready curl command to call it. */
export function WebhookPanel({ flowId, webhook, active, methods, readOnly, onRotated }: WebhookPanelProps) {
  const [copied, setCopied] = useState<string | undefined>();
  const [rotating, setRotating] = useState(false);
  const [rotated, setRotated] = useState(false);
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
        {!readOnly && (
          <button type="button" onClick={() => setRotating(true)}>
            Rotate URL
          </button>
        )}
      </div>
      {rotated && (
        <p className="field-help" role="status">
          New URL in place: the previous one no longer answers. Give the new one to the sender.
        </p>
      )}
      {rotating && (
        <RotateUrlDialog
          flowId={flowId}
          onCancel={() => setRotating(false)}
          onRotated={(next) => {
            setRotating(false);
            setRotated(true);
            onRotated(next);
          }}
        />
      )}
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
