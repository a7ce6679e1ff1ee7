import { useState } from 'react';
import { CopyIcon, IconButton } from '../components/ui';

interface WebhookUrlProps {
  flowName: string;
  url: string;
  active: boolean;
}

/** A flow's webhook URL, shortened to fit, with a button that copies it whole. */
export function WebhookUrl({ flowName, url, active }: WebhookUrlProps) {
  const [feedback, setFeedback] = useState<string>();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setFeedback('Copied');
    } catch {
      setFeedback('Copying is blocked here: select the address and copy it');
    }
    setTimeout(() => setFeedback(undefined), 3000);
  };
  return (
    <div className="flows-webhook">
      <code className="flows-webhook-url" title={active ? url : `${url} (answers once the flow is active)`}>
        {url}
      </code>
      <IconButton label={`Copy webhook URL of ${flowName}`} icon={<CopyIcon />} onClick={copy} />
      <span className="flows-copy-feedback" role="status">
        {feedback}
      </span>
    </div>
  );
}
