// Mounts the editor's side panels around one flow (`#<flowId>`, `#<flowId>!broken` breaks its if
// node's condition in the draft) for test/e2e/panels-components.test.ts.
// Plain JSX: the root tsconfig type-checks test/ as Node code, the panels are checked by editor/tsconfig.json.
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import '../../../editor/src/styles.css';
import { authApi } from '../../../editor/src/api/auth';
import { api, linkSession } from '../../../editor/src/api/client';
import { ExecutionDetails, ExecutionsPanel, NodeDataView, pathOfExecution, PreviewSummary, SamplePanel, usePreview } from '../../../editor/src/panels';

const [flowId, variant] = decodeURIComponent(location.hash.slice(1)).split('!');

function breakCondition(flow) {
  return { ...flow, nodes: flow.nodes.map((node) => (node.type === 'if' ? { ...node, config: { condition: 'body.amount >' } } : node)) };
}

function Harness() {
  const [view, setView] = useState();
  const [sample, setSample] = useState();
  const [record, setRecord] = useState();
  const [nodeId, setNodeId] = useState();
  // The test signs the browser in; the harness links the session (its CSRF token) as the editor's sign-in gate does.
  useEffect(
    () =>
      void authApi
        .session()
        .then((session) => linkSession({ csrfToken: session.csrfToken, role: session.user.role }))
        .then(() => api.getFlow(flowId))
        .then((loaded) => setView(variant === 'broken' ? { ...loaded, flow: breakCondition(loaded.flow) } : loaded)),
    [],
  );
  const preview = usePreview(view?.flow, sample);
  if (!view) return <p>Loading</p>;
  const path = record ? pathOfExecution(record.nodes) : undefined;
  return (
    <main className="panels-harness" style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 380px)', gap: 16, padding: 16 }}>
      <section aria-label="Sample tab">
        <SamplePanel flowId={flowId} webhook={view.webhook} sample={sample} onSampleChange={setSample} />
      </section>
      <section aria-label="Preview tab">
        <PreviewSummary {...preview} onSelectNode={setNodeId} />
        {preview.preview?.nodes.map((node) => (
          <NodeDataView key={node.nodeId} nodeId={node.nodeId} preview={node} />
        ))}
      </section>
      <section aria-label="Executions tab">
        <p data-testid="path">{path ? `${[...path.visited].join(' ')}${path.failed ? ` failed:${path.failed}` : ''}` : ''}</p>
        <ExecutionsPanel flowId={flowId} selectedId={record?.id} onOpen={setRecord} />
        {record && <ExecutionDetails record={record} selectedNodeId={nodeId} onSelectNode={setNodeId} />}
      </section>
    </main>
  );
}

createRoot(document.getElementById('root')).render(<Harness />);
