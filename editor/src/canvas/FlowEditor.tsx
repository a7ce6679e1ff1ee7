import { useReactFlow } from '@xyflow/react';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { ExecutionRecord, FlowNode, NodeType, StoredFlowView } from '../api/types';
import { useCanEdit } from '../auth/session-context';
import { pathOfExecution } from '../panels/path-of-execution';
import { usePreview } from '../panels/usePreview';
import { layoutFlow, type NodeSize } from './auto-layout';
import { copyToClipboard, pasteFromClipboard } from './clipboard';
import { ConflictDialog } from './ConflictDialog';
import { DraftBanner } from './DraftBanner';
import { FlowCanvas, type SelectRequest } from './FlowCanvas';
import { createNode, isTrigger, removeElements, updateNode } from './flow-model';
import { NoticeBar } from './NoticeBar';
import { Palette } from './Palette';
import { ProblemsPanel } from './ProblemsPanel';
import { ExecutionsTab, SamplePreviewTab } from './RunTabs';
import { SettingsPanel } from './SettingsPanel';
import { SidePanel } from './SidePanel';
import { TopBar } from './TopBar';
import { useCanvasShortcuts } from './useCanvasShortcuts';
import { useFlowDocument } from './useFlowDocument';
import { useFlowSample } from './useFlowSample';

/** Half a new card, so a node added at the view's centre sits centred on it. */
const newNodeOffset = { x: 110, y: 40 };

/** The flow editor: top bar, palette, canvas and side panel around one flow document. Needs a ReactFlowProvider. */
export function FlowEditor({ initial, nodeTypes }: { initial: StoredFlowView; nodeTypes: readonly NodeType[] }) {
  const readOnly = !useCanEdit();
  const flow = useFlowDocument(initial);
  const { document, change, setNotice } = flow;
  const types = useMemo(() => new Map(nodeTypes.map((type) => [type.type, type])), [nodeTypes]);
  const [selectedIds, setSelectedIds] = useState<string[]>([]);
  const [selectRequest, setSelectRequest] = useState<SelectRequest>();
  const [fitRequest, setFitRequest] = useState(0);
  const [openedExecution, setOpenedExecution] = useState<ExecutionRecord>();
  const runPath = useMemo(() => (openedExecution ? pathOfExecution(openedExecution.nodes) : undefined), [openedExecution]);
  // One live preview for the page, run whenever the flow has a sample: the cards and the Sample tab show it.
  // A viewer may not run previews (the server refuses them), so a viewer's page runs none.
  const [sample, setSample] = useFlowSample(document.id);
  const preview = usePreview(sample && !readOnly ? document : undefined, sample);
  const previewNodes = useMemo(() => (preview.preview ? new Map(preview.preview.nodes.map((node) => [node.nodeId, node])) : undefined), [preview.preview]);
  const canvasRef = useRef<HTMLDivElement>(null);
  const { screenToFlowPosition, fitView, getNodes } = useReactFlow();

  const notify = useCallback((text: string) => setNotice({ kind: 'error', text }), [setNotice]);
  const closeNotice = useCallback(() => setNotice(undefined), [setNotice]);

  const addNode = useCallback(
    (type: string, position: { x: number; y: number }) => {
      const nodeType = types.get(type);
      if (!nodeType) return notify(`Unknown node type “${type}”.`);
      if (nodeType.category === 'trigger' && document.nodes.some((node) => isTrigger(node, types))) {
        return notify('A flow has one trigger, and this one already has it. Delete the current trigger first to use another.');
      }
      const node = createNode(nodeType, position, document);
      change({ ...document, nodes: [...document.nodes, node] });
      setSelectRequest({ ids: [node.id] });
    },
    [types, document, change, notify],
  );

  const addAtCentre = useCallback(
    (type: string) => {
      const box = canvasRef.current?.getBoundingClientRect();
      const centre = box ? screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 }) : { x: 0, y: 0 };
      addNode(type, { x: centre.x - newNodeOffset.x, y: centre.y - newNodeOffset.y });
    },
    [addNode, screenToFlowPosition],
  );

  const deleteSelected = useCallback(() => {
    change(removeElements(document, new Set(selectedIds), new Set()));
  }, [change, document, selectedIds]);

  const layout = useCallback(() => {
    const sizes = new Map<string, NodeSize>();
    for (const node of getNodes()) if (node.measured?.width && node.measured.height) sizes.set(node.id, { width: node.measured.width, height: node.measured.height });
    change(layoutFlow(document, sizes));
    setFitRequest((count) => count + 1);
  }, [change, document, getNodes]);

  const selectNode = useCallback((id: string) => setSelectRequest({ ids: [id], reveal: true }), []);

  useCanvasShortcuts({
    readOnly,
    undo: flow.undo,
    redo: flow.redo,
    save: () => void flow.save(),
    copy: () => {
      const count = copyToClipboard(document, new Set(selectedIds));
      if (count) setNotice({ kind: 'info', text: `Copied ${count} ${count === 1 ? 'node' : 'nodes'}.` });
    },
    paste: () => {
      const result = pasteFromClipboard(document, types);
      if (!result) return;
      change(result.document);
      setSelectRequest({ ids: result.pastedIds });
      if (result.skippedTrigger) notify('The copied trigger was left out: a flow has only one trigger.');
    },
  });

  const selected = selectedIds.length === 1 ? document.nodes.find((node) => node.id === selectedIds[0]) : undefined;
  const updateSelected = useCallback((node: FlowNode, key: string) => change(updateNode(document, node.id, () => node), key), [change, document]);
  const nodeName = useCallback(
    (id: string) => {
      const node = document.nodes.find((candidate) => candidate.id === id);
      return node ? node.name || types.get(node.type)?.label || node.id : id;
    },
    [document, types],
  );

  return (
    <div className="flow-editor">
      <TopBar
        readOnly={readOnly}
        name={document.name}
        onRename={(name) => change({ ...document, name }, 'flow-name')}
        dirty={flow.dirty}
        active={flow.active}
        busy={flow.busy}
        canUndo={flow.canUndo}
        canRedo={flow.canRedo}
        onSave={() => void flow.save()}
        onToggleActive={() => void flow.toggleActive()}
        onUndo={flow.undo}
        onRedo={flow.redo}
        onLayout={layout}
        onFitView={() => void fitView({ duration: 300, maxZoom: 1 })}
      />
      {flow.draftOffer && <DraftBanner draft={flow.draftOffer} onRestore={flow.restoreDraft} onDiscard={flow.discardDraft} />}
      <div className="flow-editor-body">
        <Palette nodeTypes={nodeTypes} onAdd={addAtCentre} readOnly={readOnly} />
        <main className="flow-editor-centre" aria-label="Canvas">
          <FlowCanvas
            document={document}
            types={types}
            problems={flow.nodeProblems}
            onChange={change}
            onSelectionChange={setSelectedIds}
            onDropNodeType={addNode}
            onNotice={notify}
            selectRequest={selectRequest}
            runPath={runPath}
            preview={previewNodes}
            containerRef={canvasRef}
            readOnly={readOnly}
            fitRequest={fitRequest}
          />
          <ProblemsPanel problems={flow.problems} nodeName={nodeName} onSelectNode={selectNode} onDismiss={flow.dismissProblems} />
        </main>
        <SidePanel
          tabs={[
            {
              id: 'settings',
              label: 'Settings',
              content: (
                <SettingsPanel
                  readOnly={readOnly}
                  flowId={document.id}
                  onWebhookChange={flow.setWebhook}
                  node={selected}
                  selectedCount={selectedIds.length}
                  nodeType={selected ? types.get(selected.type) : undefined}
                  problems={flow.problems}
                  webhook={flow.webhook}
                  active={flow.active}
                  onChange={updateSelected}
                  onDelete={deleteSelected}
                  document={document}
                  types={types}
                  onChangeDocument={change}
                />
              ),
            },
            {
              id: 'preview',
              label: 'Sample & preview',
              content: (
                <SamplePreviewTab
                  readOnly={readOnly}
                  flowId={document.id}
                  webhook={flow.webhook}
                  sample={sample}
                  onSampleChange={setSample}
                  preview={preview}
                  selectedNodeId={selected?.id}
                  onSelectNode={selectNode}
                />
              ),
            },
            {
              id: 'executions',
              label: 'Executions',
              content: (
                <ExecutionsTab flowId={document.id} opened={openedExecution} onOpen={setOpenedExecution} selectedNodeId={selected?.id} onSelectNode={selectNode} />
              ),
            },
          ]}
        />
      </div>
      <NoticeBar notice={flow.notice} onClose={closeNotice} />
      <ConflictDialog open={flow.conflict} onReload={() => void flow.reloadTheirs()} onOverwrite={() => void flow.save(true)} onClose={flow.dismissConflict} />
    </div>
  );
}
