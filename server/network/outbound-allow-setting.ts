import { z } from 'zod';
import { parseAllowEntry } from './outbound-policy.js';

/**
 * HOOKFLOW_OUTBOUND_ALLOW: comma-separated host names, IP addresses and CIDR ranges admitted
 * despite being private, loopback, link-local or metadata. A bad entry stops the start with
 * its name.
 *
 * @example outboundAllowSetting.parse('127.0.0.1, 10.0.0.0/8, crm.internal') // ['127.0.0.1', '10.0.0.0/8', 'crm.internal']
 */
export const outboundAllowSetting = z.string().transform((text, context) => {
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  for (const entry of entries) {
    if (!parseAllowEntry(entry)) {
      context.addIssue({ code: 'custom', message: `has "${entry}", which is not a host name, an IP address or a CIDR range such as 10.0.0.0/8` });
    }
  }
  return entries;
});
