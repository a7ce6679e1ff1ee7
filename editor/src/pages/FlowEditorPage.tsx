import { ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { NodeType, StoredFlowView } from '../api/types';
import { hrefOf } from '../App';
import { FlowEditor } from '../canvas/FlowEditor';
import '../canvas/canvas.css';

type Loaded = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; flow: StoredFlowView; nodeTypes: NodeType[] };

/** `#/flows/<id>`: loads the flow and the node catalog, then opens the canvas editor. */
export function FlowEditorPage({ flowId }: { flowId: string }) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  useEffect(() => {
    let current = true;
    Promise.all([api.getFlow(flowId), api.nodeTypes()])
      .then(([flow, types]) => current && setLoaded({ state: 'ready', flow, nodeTypes: types.items }))
      .catch((error: Error) => current && setLoaded({ state: 'failed', message: error.message }));
    return () => {
      current = false;
    };
  }, [flowId]);

  if (loaded.state === 'loading') return <main className="page" aria-busy="true">Loading the flow…</main>;
  if (loaded.state === 'failed') {
    return (
      <main className="page">
        <h1>This flow cannot be opened</h1>
        <p role="alert">{loaded.message}</p>
        <a href={hrefOf({ page: 'flows' })}>Back to the flows</a>
      </main>
    );
  }
  return (
    <ReactFlowProvider>
      <FlowEditor initial={loaded.flow} nodeTypes={loaded.nodeTypes} />
    </ReactFlowProvider>
  );
}
