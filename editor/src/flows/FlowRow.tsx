import { hrefOf } from '../App';
import type { ExecutionSummary, FlowSummary } from '../api/types';
import { useCanEdit } from '../auth/session-context';
import { DownloadIcon, DuplicateIcon, IconButton, PencilIcon, Switch, TrashIcon } from '../components/ui';
import { LastRun } from './LastRun';
import { WebhookUrl } from './WebhookUrl';

/** What can be done to a flow from the list; each handler gets the flow's summary. */
export interface FlowRowActions {
  onToggleActive: (flow: FlowSummary, active: boolean) => void;
  onRename: (flow: FlowSummary) => void;
  onDuplicate: (flow: FlowSummary) => void;
  onExport: (flow: FlowSummary) => void;
  onDelete: (flow: FlowSummary) => void;
}

interface FlowRowProps extends FlowRowActions {
  flow: FlowSummary;
  lastRun: ExecutionSummary | null | undefined;
  now: Date;
  /** A change to this flow is on its way to the server. */
  busy: boolean;
}

export function FlowRow({ flow, lastRun, now, busy, ...actions }: FlowRowProps) {
  const canEdit = useCanEdit();
  return (
    <tr aria-busy={busy}>
      <th scope="row" className="flows-name-cell">
        <a href={hrefOf({ page: 'flow', flowId: flow.id })}>{flow.name}</a>
        <span className="flows-id">{flow.id}</span>
      </th>
      <td>
        <Switch
          label={`Active: ${flow.name}`}
          checked={flow.active}
          onText="Active"
          offText="Inactive"
          disabled={busy || !canEdit}
          onChange={(active) => actions.onToggleActive(flow, active)}
        />
      </td>
      <td className="flows-number">{flow.nodeCount}</td>
      <td>
        <LastRun run={lastRun} now={now} />
      </td>
      <td className="flows-webhook-cell">
        {flow.webhook ? (
          <WebhookUrl flowName={flow.name} url={flow.webhook.url} active={flow.active} />
        ) : (
          <span className="flows-no-webhook">No URL: starts when a watched flow fails</span>
        )}
      </td>
      <td className="flows-actions-cell">
        {canEdit && <IconButton label={`Rename ${flow.name}`} icon={<PencilIcon />} disabled={busy} onClick={() => actions.onRename(flow)} />}
        {canEdit && <IconButton label={`Duplicate ${flow.name}`} icon={<DuplicateIcon />} disabled={busy} onClick={() => actions.onDuplicate(flow)} />}
        <IconButton label={`Export ${flow.name}`} icon={<DownloadIcon />} onClick={() => actions.onExport(flow)} />
        {canEdit && <IconButton label={`Delete ${flow.name}`} icon={<TrashIcon />} className="flows-delete" disabled={busy} onClick={() => actions.onDelete(flow)} />}
      </td>
    </tr>
  );
}
