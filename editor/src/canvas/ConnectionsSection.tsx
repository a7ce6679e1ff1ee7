import { useId, useRef, useState } from 'react';
import type { FlowDocument, FlowNode } from '../api/types';
import { connect, connectableTargets, disconnect, nodeLabel, outputsOf, type PortConnections } from './connections';
import type { NodeTypeMap } from './flow-model';
import './connections.css';

interface ConnectionsSectionProps {
  node: FlowNode;
  document: FlowDocument;
  types: NodeTypeMap;
  /** Commits a changed document, as canvas edits do (one undo step each). */
  onChange(document: FlowDocument): void;
}

/**
 * The selected node's outputs as a form: per port, the nodes it leads to (each with a Disconnect
 * button) and a select of the nodes it could lead to. The keyboard's way to draw and remove edges.
 */
export function ConnectionsSection({ node, document, types, onChange }: ConnectionsSectionProps) {
  const headingId = useId();
  const [status, setStatus] = useState('');
  return (
    <section className="connections" aria-labelledby={headingId}>
      <h3 id={headingId} className="connections-heading">
        Outputs
      </h3>
      {outputsOf(document, node, types).map((output) => (
        <PortSection key={output.port} node={node} output={output} document={document} types={types} onChange={onChange} onStatus={setStatus} />
      ))}
      <p role="status" className="visually-hidden">
        {status}
      </p>
    </section>
  );
}

interface PortSectionProps extends ConnectionsSectionProps {
  output: PortConnections;
  onStatus(text: string): void;
}

function PortSection({ node, output: { port, edges }, document, types, onChange, onStatus }: PortSectionProps) {
  const idBase = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [choice, setChoice] = useState('');
  const [error, setError] = useState('');
  const candidates = connectableTargets(document, types, node.id, port);
  const chosen = candidates.some((candidate) => candidate.id === choice) ? choice : '';
  const labelOf = (id: string) => {
    const target = document.nodes.find((candidate) => candidate.id === id);
    return target ? nodeLabel(target, types) : id;
  };
  const selectId = `${idBase}-target`;
  const errorId = `${idBase}-error`;

  const add = () => {
    if (!chosen) return setError('Choose a node to connect to first.');
    const result = connect(document, types, node.id, chosen, port);
    if (typeof result === 'string') return setError(result);
    onChange(result);
    setChoice('');
    setError('');
    onStatus(`Connected ${port} → ${labelOf(chosen)}.`);
    // With nothing left to offer, the select and this button go away; keep the keyboard focus in this port's group.
    if (connectableTargets(result, types, node.id, port).length === 0) headingRef.current?.focus();
  };

  const remove = (edgeId: string, target: string) => {
    onChange(disconnect(document, edgeId));
    onStatus(`Disconnected ${port} → ${labelOf(target)}.`);
    // The pressed button goes away with its edge.
    headingRef.current?.focus();
  };

  return (
    <div className="connections-port" role="group" aria-labelledby={`${idBase}-heading`}>
      <h4 id={`${idBase}-heading`} ref={headingRef} tabIndex={-1} className="connections-port-name">
        Output <code>{port}</code>
      </h4>
      {edges.length === 0 ? (
        <p className="field-help">Not connected.</p>
      ) : (
        <ul className="connections-list">
          {edges.map((edge) => (
            <li key={edge.id}>
              <span>
                <span aria-hidden="true">→ </span>
                {labelOf(edge.target)} <code>{edge.target}</code>
              </span>
              <button type="button" aria-label={`Disconnect ${port} → ${labelOf(edge.target)}`} onClick={() => remove(edge.id, edge.target)}>
                Disconnect
              </button>
            </li>
          ))}
        </ul>
      )}
      {candidates.length === 0 ? (
        <p className="field-help">No other node can take a connection from this output.</p>
      ) : (
        <div className="connections-add">
          <label htmlFor={selectId} className="field-label">
            Add connection<span className="visually-hidden"> from {port}</span>
          </label>
          <select
            id={selectId}
            value={chosen}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            onChange={(event) => {
              setChoice(event.target.value);
              setError('');
            }}
          >
            <option value="">Add connection to…</option>
            {candidates.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {nodeLabel(candidate, types)} ({candidate.id})
              </option>
            ))}
          </select>
          <button type="button" aria-label={`Connect ${port}`} onClick={add}>
            Connect
          </button>
        </div>
      )}
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
