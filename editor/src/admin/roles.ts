import type { Role } from '../api/auth';

/** The roles, weakest first, with what each may do in a few words (the role selects show it). */
export const roles: { role: Role; label: string; can: string }[] = [
  { role: 'viewer', label: 'Viewer', can: 'looks at flows, executions and credentials; changes nothing' },
  { role: 'editor', label: 'Editor', can: 'builds, activates, imports flows and manages credentials' },
  { role: 'owner', label: 'Owner', can: 'everything, plus users and the audit log' },
];
