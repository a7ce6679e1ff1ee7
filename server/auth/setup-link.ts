import type { Logger } from '../logger.js';
import type { AuthStore } from './auth-store.js';

/**
 * On a start with no user: makes a one-time setup token and shows the link that creates the
 * first owner with it, in the log (warn) and plainly on standard output, where the person who
 * started the server sees it. The token is printed only here and stored only as its hash.
 */
export async function announceSetup(auth: AuthStore, base: string, logger: Logger, print: (text: string) => void = (text) => void process.stdout.write(text)): Promise<void> {
  if (auth.users.count() > 0) return;
  const link = `${base}/setup#token=${await auth.users.issueSetupToken()}`;
  logger.warn({ setupLink: link }, 'No user exists yet: open the setup link to create the owner account (valid 24 h, once), or run `hookflow user create --role owner`.');
  print(`\nHookflow has no user yet. Create the owner account here (the link works once, for 24 hours):\n\n  ${link}\n\nor run: hookflow user create --username <name> --role owner\n\n`);
}
