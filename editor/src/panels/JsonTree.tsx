import { useState } from 'react';
import { clipText, entriesOf, isTruncatedMarker, kindOf, limitEntries, openDepth, summarize, visibleLimits, type TruncatedMarker } from './json-view';

/**
 * A JSON value as a readable tree. Objects and arrays fold (the first levels start open); long
 * lists and long strings show their start and a "Show more" button, so big payloads stay usable.
 */
export function JsonTree({ value, label }: {
  /** The value to show; undefined shows "nothing". */
  value: unknown;
  /** What the tree holds, for screen readers (e.g. "Input of check"). */
  label: string;
}) {
  return (
    <div className="json-tree" role="group" aria-label={label}>
      <JsonEntry value={value} depth={0} />
    </div>
  );
}

function JsonEntry({ name, value, depth }: { name?: string; value: unknown; depth: number }) {
  if (isTruncatedMarker(value)) return <TruncatedEntry name={name} marker={value} />;
  const kind = kindOf(value);
  if (kind === 'object' || kind === 'array') return <JsonBranch name={name} value={value} depth={depth} />;
  return (
    <div className="json-line">
      {name !== undefined && <span className="json-key">{name}: </span>}
      {kind === 'string' ? <JsonText text={value as string} /> : <span className={`json-${kind}`}>{summarize(value)}</span>}
    </div>
  );
}

function JsonBranch({ name, value, depth }: { name: string | undefined; value: unknown; depth: number }) {
  const [open, setOpen] = useState(depth < openDepth);
  const [shown, setShown] = useState<number>(visibleLimits.entries);
  const entries = entriesOf(value);
  const { visible, hidden } = limitEntries(entries, shown);
  return (
    <div className="json-branch">
      <button type="button" className="json-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span aria-hidden="true">{open ? '▾' : '▸'} </span>
        {name !== undefined && <span className="json-key">{name}: </span>}
        <span className="json-summary">{summarize(value)}</span>
      </button>
      {open && (
        <div className="json-children">
          {entries.length === 0 && <div className="json-line json-empty">empty</div>}
          {visible.map(([key, child]) => (
            <JsonEntry key={key} name={key} value={child} depth={depth + 1} />
          ))}
          {hidden > 0 && (
            <button type="button" className="link-button" onClick={() => setShown(shown + visibleLimits.entries)}>
              Show {Math.min(hidden, visibleLimits.entries)} more of {hidden} hidden
            </button>
          )}
        </div>
      )}
    </div>
  );
}

/** A value the server left out of the record for its size: says so, with the start of its JSON on demand. */
function TruncatedEntry({ name, marker }: { name: string | undefined; marker: TruncatedMarker }) {
  return (
    <div className="json-truncated" role="note">
      {name !== undefined && <span className="json-key">{name}: </span>}
      <strong>Not recorded (too large):</strong> {marker.$truncated}
      {marker.preview && (
        <details>
          <summary>Start of the value</summary>
          <pre>{marker.preview}…</pre>
        </details>
      )}
    </div>
  );
}

function JsonText({ text }: { text: string }) {
  const [whole, setWhole] = useState(false);
  const clipped = clipText(text, visibleLimits.textLength);
  if (whole || !clipped.clipped) return <span className="json-string">{JSON.stringify(text)}</span>;
  return (
    <>
      <span className="json-string">{JSON.stringify(clipped.text).slice(0, -1)}…"</span>{' '}
      <button type="button" className="link-button" onClick={() => setWhole(true)}>
        Show all {text.length} characters
      </button>
    </>
  );
}
