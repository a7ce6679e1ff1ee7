export { ExecutionDetails } from './ExecutionDetails';
export { ExecutionsPanel } from './ExecutionsPanel';
export { NodeDataView } from './NodeDataView';
export { PreviewSummary } from './PreviewSummary';
export { pathOfExecution, type ExecutionPath, type PathEdge, type RanNode } from './path-of-execution';
export { SamplePanel } from './SamplePanel';
export { usePreview, type PreviewState } from './usePreview';
export { JsonTree } from './JsonTree';
export { StatusBadge } from './StatusBadge';
