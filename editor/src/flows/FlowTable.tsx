import type { ExecutionSummary, FlowSummary } from '../api/types';
import { FlowRow, type FlowRowActions } from './FlowRow';
import { useNow } from './useNow';

interface FlowTableProps extends FlowRowActions {
  flows: FlowSummary[];
  lastRuns: Record<string, ExecutionSummary | null>;
  /** Ids of the flows with a change on its way to the server. */
  busyIds: ReadonlySet<string>;
}

/** The flows, one row each: name, status switch, node count, last run, webhook URL and actions. */
export function FlowTable({ flows, lastRuns, busyIds, ...actions }: FlowTableProps) {
  const now = useNow();
  return (
    <table className="flows-table">
      <caption className="visually-hidden">Your flows</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Status</th>
          <th scope="col" className="flows-number">
            Nodes
          </th>
          <th scope="col">Last run</th>
          <th scope="col">Webhook URL</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {flows.map((flow) => (
          <FlowRow key={flow.id} flow={flow} lastRun={lastRuns[flow.id]} now={now} busy={busyIds.has(flow.id)} {...actions} />
        ))}
      </tbody>
    </table>
  );
}
