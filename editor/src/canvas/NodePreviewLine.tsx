import type { PreviewLine } from './node-preview';
import './node-preview.css';

/** A card's line about the live preview: icon and status word, then the output, port taken or error on one line. */
export function NodePreviewLine({ line }: { line: PreviewLine }) {
  return (
    <div className={`flow-node-preview preview-${line.state}`} role="note" aria-label={line.label} title={line.label}>
      <span className="flow-node-preview-status" aria-hidden="true">
        <span className="flow-node-preview-icon">{line.icon}</span> {line.status}
      </span>
      {line.detail && (
        <span className="flow-node-preview-detail" aria-hidden="true">
          {line.detail}
        </span>
      )}
    </div>
  );
}
