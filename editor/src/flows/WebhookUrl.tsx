import { useState } from 'react';
import { CopyIcon, Dialog, IconButton } from '../components/ui';

interface WebhookUrlProps {
  flowName: string;
  url: string;
  active: boolean;
}

/**
 * A flow's webhook URL, shortened to fit, with a button that copies it whole. Where the browser
 * refuses the clipboard, a dialog shows the whole URL selected, ready for Ctrl+C.
 */
export function WebhookUrl({ flowName, url, active }: WebhookUrlProps) {
  const [copied, setCopied] = useState(false);
  const [showWhole, setShowWhole] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
      setTimeout(() => setCopied(false), 2500);
    } catch {
      setShowWhole(true);
    }
  };
  return (
    <div className="flows-webhook">
      <code className="flows-webhook-url" title={active ? url : `${url} (answers once the flow is active)`}>
        {shortened(url)}
      </code>
      <IconButton label={`Copy webhook URL of ${flowName}`} icon={<CopyIcon />} onClick={copy} />
      <span className="flows-copy-feedback" role="status">
        {copied ? 'Copied' : ''}
      </span>
      {showWhole && (
        <Dialog
          title={`Webhook URL of ${flowName}`}
          onClose={() => setShowWhole(false)}
          actions={
            <button type="button" onClick={() => setShowWhole(false)}>
              Close
            </button>
          }
        >
          <p>The browser does not let this page copy. The address is selected: press Ctrl+C (⌘+C on a Mac) to copy it.</p>
          <input aria-label="Webhook URL" value={url} readOnly autoFocus onFocus={(event) => event.target.select()} />
        </Dialog>
      )}
    </div>
  );
}

/** The URL without this server's own address, which every flow shares. */
function shortened(url: string): string {
  return url.startsWith(`${window.location.origin}/`) ? url.slice(window.location.origin.length) : url;
}
