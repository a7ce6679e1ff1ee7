import type { Sample } from '../api/runs';
import type { ExecutionRecord, WebhookUrls } from '../api/types';
import { ExecutionDetails } from '../panels/ExecutionDetails';
import { ExecutionsPanel } from '../panels/ExecutionsPanel';
import { NodeDataView } from '../panels/NodeDataView';
import { PreviewSummary } from '../panels/PreviewSummary';
import { SamplePanel } from '../panels/SamplePanel';
import type { PreviewState } from '../panels/usePreview';

interface SamplePreviewTabProps {
  flowId: string;
  /** Null for a flow no webhook starts (an error-handler flow): no URLs, no listening. */
  webhook: WebhookUrls | null;
  /** The page's sample; SamplePanel hands over a loaded, caught or saved one through `onSampleChange`. */
  sample: Sample | undefined;
  onSampleChange(sample: Sample): void;
  /** The page's live preview of the draft on the sample (the canvas cards show it too). */
  preview: PreviewState;
  selectedNodeId: string | undefined;
  onSelectNode(id: string): void;
  /** A viewer's tab: the sample shows, but cannot be changed or caught (and no preview runs). */
  readOnly: boolean;
}

/**
 * The "Sample & preview" tab: the sample request, the page's live preview of the draft on it, and
 * the selected node's data in that preview. The page owns the sample and the preview.
 */
export function SamplePreviewTab({ flowId, webhook, sample, onSampleChange, preview, selectedNodeId, onSelectNode, readOnly }: SamplePreviewTabProps) {
  return (
    <div className="run-tab">
      <fieldset className="read-only-scope" disabled={readOnly}>
        <SamplePanel flowId={flowId} webhook={webhook} sample={sample} onSampleChange={onSampleChange} />
      </fieldset>
      <PreviewSummary {...preview} onSelectNode={onSelectNode} />
      {selectedNodeId && <NodeDataView nodeId={selectedNodeId} preview={preview.preview?.nodes.find((node) => node.nodeId === selectedNodeId)} />}
    </div>
  );
}

interface ExecutionsTabProps {
  flowId: string;
  opened: ExecutionRecord | undefined;
  onOpen(record: ExecutionRecord | undefined): void;
  selectedNodeId: string | undefined;
  onSelectNode(id: string): void;
}

/** The "Executions" tab: the flow's recent executions and the opened one's steps. */
export function ExecutionsTab({ flowId, opened, onOpen, selectedNodeId, onSelectNode }: ExecutionsTabProps) {
  return (
    <div className="run-tab">
      <ExecutionsPanel flowId={flowId} selectedId={opened?.id} onOpen={onOpen} />
      {opened && <ExecutionDetails record={opened} selectedNodeId={selectedNodeId} onSelectNode={onSelectNode} />}
    </div>
  );
}
