import { useState } from 'react';
import type { Sample } from '../api/runs';
import type { ExecutionRecord, FlowDocument, WebhookUrls } from '../api/types';
import { ExecutionDetails } from '../panels/ExecutionDetails';
import { ExecutionsPanel } from '../panels/ExecutionsPanel';
import { NodeDataView } from '../panels/NodeDataView';
import { PreviewSummary } from '../panels/PreviewSummary';
import { SamplePanel } from '../panels/SamplePanel';
import { usePreview } from '../panels/usePreview';

interface SamplePreviewTabProps {
  flowId: string;
  webhook: WebhookUrls;
  document: FlowDocument;
  selectedNodeId: string | undefined;
  onSelectNode(id: string): void;
}

/**
 * The "Sample & preview" tab: the sample request, the live preview of the draft on it, and the
 * selected node's data in that preview. Mounted only while the tab is shown, so no preview runs unseen.
 */
export function SamplePreviewTab({ flowId, webhook, document, selectedNodeId, onSelectNode }: SamplePreviewTabProps) {
  const [sample, setSample] = useState<Sample>();
  const preview = usePreview(document, sample);
  return (
    <div className="run-tab">
      <SamplePanel flowId={flowId} webhook={webhook} sample={sample} onSampleChange={setSample} />
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
