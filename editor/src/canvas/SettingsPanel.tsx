import { useId } from 'react';
import type { FlowDocument, FlowNode, NodeType, WebhookUrls } from '../api/types';
import { ConnectionsSection } from './ConnectionsSection';
import { FailureSettings } from './FailureSettings';
import { portsOf, type NodeTypeMap } from './flow-model';
import { FlowSettings } from './FlowSettings';
import { ConfigSections } from './form/ConfigSections';
import type { CanvasProblem } from './problems';
import { WebhookPanel } from './WebhookPanel';

interface SettingsPanelProps {
  /** A viewer's panel: every field shows, none can be changed. */
  readOnly: boolean;
  flowId: string;
  /** The flow got a new webhook URL (rotated). */
  onWebhookChange(webhook: WebhookUrls): void;
  node: FlowNode | undefined;
  selectedCount: number;
  nodeType: NodeType | undefined;
  problems: readonly CanvasProblem[];
  /** Null for a flow no webhook starts (an error-handler flow). */
  webhook: WebhookUrls | null;
  active: boolean;
  onChange(node: FlowNode, key: string): void;
  onDelete(): void;
  /** The whole flow and its change function, for the node's Outputs (edges). */
  document: FlowDocument;
  types: NodeTypeMap;
  onChangeDocument(document: FlowDocument): void;
}

/** The selected node's name and config form, drawn from its type's JSON Schema, with the server's problems next to the fields. */
export function SettingsPanel(props: SettingsPanelProps) {
  const { readOnly, flowId, onWebhookChange, node, selectedCount, nodeType, problems, webhook, active, onChange, onDelete, document, types, onChangeDocument } = props;
  const idBase = useId();
  if (!node) {
    return (
      <div className="settings-empty">
        {selectedCount > 1 ? (
          <>
            <p>{selectedCount} nodes selected.</p>
            {!readOnly && (
              <button type="button" className="danger" onClick={onDelete}>
                Delete {selectedCount} nodes
              </button>
            )}
          </>
        ) : (
          <>
            <p>Select a node to edit its settings.</p>
            <fieldset className="read-only-scope" disabled={readOnly}>
              <FlowSettings document={document} onChange={onChangeDocument} />
            </fieldset>
          </>
        )}
      </div>
    );
  }
  const own = problems.filter((problem) => problem.nodeId === node.id);
  const byField = new Map<string, string[]>();
  for (const problem of own) if (problem.field) byField.set(problem.field, [...(byField.get(problem.field) ?? []), problem.message]);
  const general = own.filter((problem) => !problem.field || !nodeType?.configSchema.properties?.[problem.field.split(/[.[]/)[0]!]);
  const nameId = `${idBase}-name`;

  return (
    <form className="settings-form" aria-label={`Settings of ${node.name || nodeType?.label || node.type}`} onSubmit={(event) => event.preventDefault()}>
      <p className="settings-kind">
        {nodeType ? nodeType.label : `Unknown node type “${node.type}”`} <code>{node.id}</code>
      </p>
      {nodeType && <p className="field-help">{nodeType.description}</p>}
      {general.map((problem) => (
        <p key={problem.message} className="field-error">
          {problem.message}
        </p>
      ))}
      {node.type === 'webhook' && !webhook && <p className="field-help">Save the flow to get its webhook URL.</p>}
      {node.type === 'webhook' && webhook && (
        <WebhookPanel flowId={flowId} webhook={webhook} active={active} methods={(node.config.methods as string[] | undefined) ?? ['POST']} readOnly={readOnly} onRotated={onWebhookChange} />
      )}
      <fieldset className="read-only-scope" disabled={readOnly}>
        <div className="form-field">
          <label htmlFor={nameId} className="field-label">
            Name
          </label>
          <input
            id={nameId}
            type="text"
            value={node.name ?? ''}
            placeholder={nodeType?.label}
            onChange={(event) => {
              const { name: _old, ...rest } = node;
              onChange(event.target.value ? { ...rest, name: event.target.value } : rest, `name:${node.id}`);
            }}
          />
        </div>
        {nodeType && (
          <ConfigSections
            key={node.id}
            nodeType={nodeType}
            value={node.config}
            onChange={(config) => onChange({ ...node, config }, `config:${node.id}`)}
            idBase={`${idBase}-${node.id}`}
            problems={byField}
          />
        )}
        {nodeType && nodeType.category !== 'trigger' && !nodeType.waits && (
          <FailureSettings
            key={`failure:${node.id}`}
            node={node}
            nodeType={nodeType}
            firstPort={portsOf(node, nodeType)[0] ?? 'out'}
            idBase={`${idBase}-${node.id}`}
            onChange={(changed) => onChange(changed, `settings:${node.id}`)}
          />
        )}
        {!readOnly && (
          <button type="button" className="danger" onClick={onDelete}>
            Delete node
          </button>
        )}
        <ConnectionsSection key={`outputs:${node.id}`} node={node} document={document} types={types} onChange={onChangeDocument} />
      </fieldset>
    </form>
  );
}
