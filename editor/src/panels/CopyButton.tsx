import { useEffect, useState } from 'react';

/** A button that copies `text` to the clipboard and says, in words, whether that worked. */
export function CopyButton({ text, label }: {
  /** What is copied. */
  text: string;
  /** The accessible name, e.g. "Copy test URL". */
  label: string;
}) {
  const [outcome, setOutcome] = useState<'copied' | 'failed' | undefined>();
  useEffect(() => {
    if (!outcome) return;
    const timer = setTimeout(() => setOutcome(undefined), 2500);
    return () => clearTimeout(timer);
  }, [outcome]);
  const copy = () => {
    if (!navigator.clipboard) {
      setOutcome('failed');
      return;
    }
    navigator.clipboard.writeText(text).then(
      () => setOutcome('copied'),
      () => setOutcome('failed'),
    );
  };
  return (
    <span className="copy-button">
      <button type="button" aria-label={label} onClick={copy}>
        Copy
      </button>
      <span role="status" className={outcome === 'failed' ? 'copy-failed' : 'copy-done'}>
        {outcome === 'copied' ? 'Copied' : outcome === 'failed' ? 'Copying is blocked here: select the text and press Ctrl+C.' : ''}
      </span>
    </span>
  );
}
