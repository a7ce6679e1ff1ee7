import { z } from 'zod';

/**
 * A config field that names a stored credential. The editor draws it as a select of the
 * credentials of `types`; the server finds every credential a flow uses by this `widget` meta
 * (to refuse deleting one in use and to report a missing one before a flow goes live).
 *
 * @example z.object({ credential: credentialField('Token', 'The bearer token to send.', ['bearer']) })
 */
export function credentialField(title: string, description: string, types: readonly string[]) {
  return z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'Choose a stored credential (letters, digits, ".", "_" or "-").')
    .meta({ title, description, widget: 'credential', credentialTypes: [...types] });
}
