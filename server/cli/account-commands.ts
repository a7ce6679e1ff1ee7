import type { Command } from 'commander';
import { z } from 'zod';
import { password, role, username } from '../auth/account-schemas.js';
import type { AuthUser } from '../auth/auth-data.js';
import { UserNotFoundError } from '../auth/auth-errors.js';
import { openAuthStore, type AuthStore } from '../auth/auth-store.js';
import { loadConfig } from '../config.js';
import { BadRequestError } from '../errors.js';
import { readServerLock } from '../runtime/server-lock.js';
import { readPassword } from './read-password.js';
import { createRemoteCall } from './remote-admin.js';

type RemoteCall = ReturnType<typeof createRemoteCall>;

/** Runs an account change on the data directory's server (through its API) if one runs, else on `auth.json`. */
async function onAccounts<T>(token: string | undefined, remote: (call: RemoteCall) => Promise<T>, local: (auth: AuthStore) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const lock = await readServerLock(config.dataDir);
  if (lock) return remote(createRemoteCall(lock.url, token));
  const auth = await openAuthStore(config.dataDir);
  try {
    return await local(auth);
  } finally {
    await auth.close();
  }
}

function check<T extends z.ZodType>(schema: T, value: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new BadRequestError(`The ${what} ${parsed.error.issues[0]!.message}.`, 'USAGE');
  return parsed.data;
}

const json = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** `hookflow user create` and `hookflow token create`. */
export function registerAccountCommands(program: Command, token: () => string | undefined): void {
  program
    .command('user')
    .description('manage user accounts')
    .command('create')
    .description('create a user; the password comes from standard input (--password-stdin), HOOKFLOW_PASSWORD or a prompt, never the command line')
    .requiredOption('--username <name>', 'letters, digits and . _ @ - (at most 64)')
    .requiredOption('--role <role>', 'owner, editor or viewer')
    .option('--password-stdin', 'read the password from standard input', false)
    .action(async (options: { username: string; role: string; passwordStdin: boolean }) => {
      const input = { username: check(username, options.username, 'username'), role: check(role, options.role, 'role') };
      const secret = check(password, await readPassword(options.passwordStdin), 'password');
      const user = await onAccounts<AuthUser>(
        token(),
        async (call) => (await call<{ user: AuthUser }>('/api/users', json({ ...input, password: secret }))).user,
        (auth) => auth.users.create({ ...input, password: secret }),
      );
      process.stdout.write(`Created the ${user.role} "${user.username}".\n`);
    });

  program
    .command('token')
    .description('manage personal API tokens')
    .command('create')
    .description('create an API token for a user and print it (once: it is stored only as a hash)')
    .requiredOption('--username <name>', 'whose token it is; it acts with their role')
    .requiredOption('--name <name>', 'what the token is for, e.g. "ci" (at most 100 characters)')
    .action(async (options: { username: string; name: string }) => {
      const name = check(z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'), options.name, 'token name');
      const secret = await onAccounts(
        token(),
        async (call) => {
          const { user } = await call<{ user: AuthUser }>('/api/auth/session');
          if (user.username.toLowerCase() !== options.username.toLowerCase()) {
            throw new BadRequestError(`A running server holds the data directory: through it you can create tokens only for "${user.username}" (the owner of HOOKFLOW_TOKEN). Stop the server to create one for "${options.username}".`, 'USAGE');
          }
          return (await call<{ secret: string }>('/api/tokens', json({ name }))).secret;
        },
        async (auth) => {
          const user = auth.users.findByName(options.username);
          if (!user) throw new UserNotFoundError(`named "${options.username}"`);
          return (await auth.tokens.create(user.id, name)).secret;
        },
      );
      process.stderr.write('This token is shown only now; keep it like a password (for the CLI: export HOOKFLOW_TOKEN=…).\n');
      process.stdout.write(`${secret}\n`);
    });
}
