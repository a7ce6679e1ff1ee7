import { CopyButton } from './CopyButton';

/** The curl command that sends `body` (JSON text) to `url`, quoted for a POSIX shell. */
export function curlExample(url: string, method: string, body: string): string {
  const quote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;
  const lines = [`curl -X ${method} ${quote(url)}`];
  if (body) lines.push(`  -H 'content-type: application/json'`, `  -d ${quote(body)}`);
  return lines.join(' \\\n');
}

/** The flow's two URLs, each with a copy button, and a curl command that calls the test URL. */
export function WebhookUrls({ url, testUrl, method, body }: {
  /** The production URL: answers only while the flow is active. */
  url: string;
  /** The test URL: runs the flow even while inactive, and is what "Listen for test event" waits on. */
  testUrl: string;
  /** The method the curl example uses. */
  method: string;
  /** The body the curl example sends, as compact JSON text; empty sends none. */
  body: string;
}) {
  const curl = curlExample(testUrl, method, body);
  return (
    <div className="webhook-urls">
      <UrlRow label="Webhook URL" hint="Called by your app once the flow is active." value={url} />
      <UrlRow label="Test URL" hint="Runs the flow as a test, active or not." value={testUrl} />
      <div className="url-row">
        <span className="url-label" id="curl-example-label">
          Try it with curl
        </span>
        <pre className="curl-example" aria-labelledby="curl-example-label" tabIndex={0}>
          {curl}
        </pre>
        <CopyButton text={curl} label="Copy curl example" />
      </div>
    </div>
  );
}

function UrlRow({ label, hint, value }: { label: string; hint: string; value: string }) {
  return (
    <div className="url-row">
      <span className="url-label">{label}</span>
      <code className="url-value">{value}</code>
      <CopyButton text={value} label={`Copy ${label.toLowerCase()}`} />
      <span className="panel-hint">{hint}</span>
    </div>
  );
}
