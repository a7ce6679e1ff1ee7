import type { AuditEvent } from '../api/auth';

/** Audit events as rows: when, who, what, on what, from where. */
export function AuditTable({ events }: { events: AuditEvent[] }) {
  return (
    <table className="admin-table">
      <caption className="visually-hidden">Audit events, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Actor</th>
          <th scope="col">Action</th>
          <th scope="col">Target</th>
          <th scope="col">IP address</th>
        </tr>
      </thead>
      <tbody>
        {events.map((event) => (
          <tr key={event.id}>
            <td>
              <time dateTime={event.at}>{new Date(event.at).toLocaleString()}</time>
            </td>
            <td>{event.actor}</td>
            <td>
              <code>{event.action}</code>
            </td>
            <td>{event.target ?? <span className="admin-muted">—</span>}</td>
            <td>{event.ip ?? <span className="admin-muted">—</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
