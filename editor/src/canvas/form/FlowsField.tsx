import type { ReactNode } from 'react';
import { parseRoute } from '../../App';
import { api } from '../../api/client';
import { useLoaded } from '../../components/ui';
import { domId, type FieldProps } from './field-context';
import { GroupShell } from './FieldShell';

/**
 * A list of flow ids (`widget: 'flows'`: the flows an error trigger watches): a checkbox per
 * stored flow, by name, leaving out the flow being edited. An id whose flow is gone stays listed,
 * marked, until it is unticked.
 */
export function FlowsField({ schema, value, onChange, label, required, path, idBase, problems }: FieldProps) {
  const { loaded } = useLoaded(() => api.listFlows());
  const id = domId(idBase, path);
  const chosen = Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  const route = parseRoute(window.location.hash);
  const editing = route.page === 'flow' ? route.flowId : undefined;
  const flows = loaded.status === 'ready' ? loaded.value.items.filter((flow) => flow.id !== editing).toSorted((a, b) => a.name.localeCompare(b.name)) : [];
  const gone = loaded.status === 'ready' ? chosen.filter((flowId) => !flows.some((flow) => flow.id === flowId)) : [];
  const toggle = (flowId: string, on: boolean) => {
    const next = on ? [...chosen, flowId] : chosen.filter((other) => other !== flowId);
    onChange(next.length === 0 && !required ? undefined : next);
  };
  const box = (flowId: string, checked: boolean, text: ReactNode) => (
    <li key={flowId} className="array-item">
      <label>
        <input type="checkbox" checked={checked} onChange={(event) => toggle(flowId, event.target.checked)} /> {text}
      </label>
    </li>
  );

  return (
    <GroupShell id={id} legend={label} required={required} description={schema.description} problems={problems.get(path)}>
      {loaded.status === 'loading' && <p className="field-help">Loading the flows…</p>}
      {loaded.status === 'failed' && <p className="field-error">The flows could not be loaded ({loaded.message}).</p>}
      {loaded.status === 'ready' && flows.length === 0 && <p className="field-help">There are no other flows yet.</p>}
      <ul className="array-items">
        {flows.map((flow) =>
          box(
            flow.id,
            chosen.includes(flow.id),
            <>
              {flow.name} <code>{flow.id}</code>
              {flow.webhook ? '' : ' (error-handler flow)'}
            </>,
          ),
        )}
        {gone.map((flowId) =>
          box(
            flowId,
            true,
            <>
              <code>{flowId}</code> (no such flow)
            </>,
          ),
        )}
      </ul>
      <p className="field-help" role="status">
        {chosen.length === 0 ? 'None chosen: it runs when any flow fails.' : `It runs when ${chosen.length === 1 ? 'this flow fails' : `one of these ${chosen.length} flows fails`}.`}
      </p>
    </GroupShell>
  );
}
