import {
  applyEdgeChanges,
  applyNodeChanges,
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type NodeChange,
  type OnSelectionChangeParams,
  useNodesInitialized,
  useReactFlow,
} from '@xyflow/react';
import { useCallback, useEffect, useRef, useState, type DragEvent, type RefObject } from 'react';
import type { PreviewNode } from '../api/runs';
import type { FlowDocument } from '../api/types';
import type { ExecutionPath } from '../panels/path-of-execution';
import { syncEdges, syncNodes } from './canvas-elements';
import { connect } from './connections';
import { moveNodes, removeElements, type NodeTypeMap } from './flow-model';
import { canvasNodeTypes, type CanvasNode } from './FlowNodeCard';

/** The drag-and-drop data type the palette puts a node type under. */
export const nodeTypeMime = 'application/hookflow-node-type';

/** A request to select exactly these nodes (a new object each time, so the same ids can be asked twice). */
export interface SelectRequest {
  ids: readonly string[];
  /** Centre the view on the first node. */
  reveal?: boolean;
}

interface FlowCanvasProps {
  document: FlowDocument;
  types: NodeTypeMap;
  problems: ReadonlyMap<string, string[]>;
  onChange(document: FlowDocument, key?: string): void;
  onSelectionChange(nodeIds: string[]): void;
  onDropNodeType(type: string, position: { x: number; y: number }): void;
  onNotice(message: string): void;
  selectRequest: SelectRequest | undefined;
  /** The path of the execution opened in the Executions tab, highlighted on the canvas. */
  runPath: ExecutionPath | undefined;
  /** The live preview's node entries by id, each card's line; undefined when there is no preview. */
  preview: ReadonlyMap<string, PreviewNode> | undefined;
  containerRef: RefObject<HTMLDivElement | null>;
  /** A viewer's canvas: nodes can be selected and looked at, not moved, connected, dropped or deleted. */
  readOnly: boolean;
  /** Increases when the view should fit the flow once the document's new positions are drawn (after an auto-layout). */
  fitRequest: number;
}

const deleteKeys = ['Delete', 'Backspace'];
const multiSelectKeys = ['Shift', 'Meta', 'Control'];

/**
 * The canvas. React Flow's node state lives here and is the source while dragging; positions
 * go back to the document (one undo step) when a drag stops or an arrow-key move is made.
 */
export function FlowCanvas({ document, types, problems, onChange, onSelectionChange, onDropNodeType, onNotice, selectRequest, runPath, preview, containerRef, readOnly, fitRequest }: FlowCanvasProps) {
  const [nodes, setNodes] = useState<CanvasNode[]>(() => syncNodes([], document, types, problems, runPath, preview));
  const [edges, setEdges] = useState<Edge[]>(() => syncEdges([], document, runPath));
  const { screenToFlowPosition, setCenter, getNode, fitView } = useReactFlow();
  // Fit the whole flow once every node has its size: the `fitView` prop can run before the
  // cards are measured and the panels laid out, and then leaves part of the flow off screen.
  const nodesMeasured = useNodesInitialized();
  const fitted = useRef(false);
  useEffect(() => {
    if (!nodesMeasured || fitted.current) return;
    fitted.current = true;
    void fitView({ maxZoom: 1 });
  }, [nodesMeasured, fitView]);
  // A fit asked for with a document change waits until the canvas holds the changed nodes: fitting
  // in the same frame would fit the old positions when the page is slow to render.
  const pendingFit = useRef(0);
  useEffect(() => {
    pendingFit.current = fitRequest;
  }, [fitRequest]);
  useEffect(() => {
    if (!pendingFit.current) return;
    pendingFit.current = 0;
    requestAnimationFrame(() => void fitView({ duration: 300, maxZoom: 1 }));
  }, [nodes, fitView]);
  const latest = useRef({ document, types, onChange, onSelectionChange, onDropNodeType, onNotice, readOnly });
  latest.current = { document, types, onChange, onSelectionChange, onDropNodeType, onNotice, readOnly };

  useEffect(
    () => setNodes((previous) => syncNodes(previous, document, types, problems, runPath, preview)),
    [document, types, problems, runPath, preview],
  );
  useEffect(() => setEdges((previous) => syncEdges(previous, document, runPath)), [document, runPath]);

  useEffect(() => {
    if (!selectRequest) return;
    const wanted = new Set(selectRequest.ids);
    setNodes((previous) => previous.map((node) => (node.selected === wanted.has(node.id) ? node : { ...node, selected: wanted.has(node.id) })));
    setEdges((previous) => previous.map((edge) => (edge.selected ? { ...edge, selected: false } : edge)));
    const first = selectRequest.ids[0];
    const target = first && selectRequest.reveal ? getNode(first) : undefined;
    if (target) {
      const width = target.measured?.width ?? 220;
      const height = target.measured?.height ?? 80;
      void setCenter(target.position.x + width / 2, target.position.y + height / 2, { duration: 300, zoom: 1 });
    }
  }, [selectRequest, getNode, setCenter]);

  const onNodesChange = useCallback((changes: NodeChange<CanvasNode>[]) => {
    setNodes((previous) => applyNodeChanges(changes, previous));
    // A finished move (drag stop, arrow keys) has dragging false; moves mid-drag stay in this state only.
    const settled = new Map<string, { x: number; y: number }>();
    for (const change of changes) if (change.type === 'position' && change.position && change.dragging === false) settled.set(change.id, change.position);
    if (settled.size === 0) return;
    const { document: current, onChange: change } = latest.current;
    change(moveNodes(current, settled), `move:${[...settled.keys()].join(',')}`);
  }, []);
  const onEdgesChange = useCallback((changes: EdgeChange[]) => setEdges((previous) => applyEdgeChanges(changes, previous)), []);

  const onDelete = useCallback(({ nodes: removedNodes, edges: removedEdges }: { nodes: CanvasNode[]; edges: Edge[] }) => {
    const { document: current, onChange: change } = latest.current;
    change(removeElements(current, new Set(removedNodes.map((node) => node.id)), new Set(removedEdges.map((edge) => edge.id))));
  }, []);

  const onConnect = useCallback((connection: Connection) => {
    const { document: current, types: known, onChange: change, onNotice: notice } = latest.current;
    // The same rules as connecting from the Settings panel, loops included.
    const connected = connect(current, known, connection.source, connection.target, connection.sourceHandle ?? 'out');
    if (typeof connected === 'string') return notice(connected);
    change(connected);
  }, []);

  const onSelection = useCallback(({ nodes: selected }: OnSelectionChangeParams) => latest.current.onSelectionChange(selected.map((node) => node.id)), []);

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(nodeTypeMime)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(nodeTypeMime);
      if (!type || latest.current.readOnly) return;
      event.preventDefault();
      latest.current.onDropNodeType(type, screenToFlowPosition({ x: event.clientX, y: event.clientY }));
    },
    [screenToFlowPosition],
  );

  return (
    <div className="flow-canvas" ref={containerRef} onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow<CanvasNode, Edge>
        nodes={nodes}
        edges={edges}
        nodeTypes={canvasNodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onDelete={onDelete}
        onConnect={onConnect}
        onSelectionChange={onSelection}
        deleteKeyCode={readOnly ? null : deleteKeys}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        edgesReconnectable={!readOnly}
        multiSelectionKeyCode={multiSelectKeys}
        minZoom={0.1}
        aria-label="Flow canvas"
      >
        <Background gap={16} />
        <Controls aria-label="Zoom controls" />
        <MiniMap pannable zoomable ariaLabel="Minimap" nodeClassName={(node) => `minimap-node category-${(node as CanvasNode).data.nodeType?.category ?? 'action'}`} />
      </ReactFlow>
    </div>
  );
}
