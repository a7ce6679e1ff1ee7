import type { Command } from 'commander';
import { createRegistry } from '../../nodes/registry.js';
import { loadConfig } from '../config.js';
import { flowsUsingCredential } from '../credentials/credential-references.js';
import { CredentialInUseError, CredentialInvalidError } from '../credentials/errors.js';
import type { CredentialInfo } from '../credentials/types.js';
import { openVault, type CredentialVault } from '../credentials/vault.js';
import { BadRequestError } from '../errors.js';
import { createLogger } from '../logger.js';
import { readServerLock } from '../runtime/server-lock.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/types.js';
import { createRemoteCall, RemoteError } from './remote-admin.js';

type RemoteCall = ReturnType<typeof createRemoteCall>;

/** The most a credential's fields may take on standard input (the API's body limit). */
const maxStdinBytes = 64 * 1024;

/**
 * Runs a credentials command on the data directory's server (through its API) if one runs,
 * else on the vault files, so that a running server's vault in memory never goes stale.
 */
async function onVault<T>(token: string | undefined, remote: (call: RemoteCall) => Promise<T>, local: (vault: CredentialVault, store: Store) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const lock = await readServerLock(config.dataDir);
  if (lock) return remote(createRemoteCall(lock.url, token)).catch(explainInvalid);
  const logger = createLogger('warn');
  const vault = openVault(config.dataDir, config.encryptionKey, (message) => logger.warn(message));
  const store = await openStore({ dataDir: config.dataDir, retention: config.retention, logger: (message) => logger.warn(message) });
  try {
    return await local(vault, store).catch(explainInvalid);
  } finally {
    await store.close();
  }
}

const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const credentialPath = (name: string) => `/api/credentials/${encodeURIComponent(name)}`;

/** `hookflow credentials list|set|delete`: values go in on standard input and are never printed. */
export function registerCredentialCommands(program: Command, token: () => string | undefined): void {
  const credentials = program.command('credentials').description('manage the credentials vault (values are never printed)');

  credentials
    .command('list')
    .description('list the credentials: name, type and the names of their fields')
    .option('--json', 'print JSON', false)
    .action(async (options: { json: boolean }) => {
      const list = await onVault(
        token(),
        async (call) => (await call<{ credentials: CredentialInfo[] }>('/api/credentials')).credentials,
        async (vault) => vault.list(),
      );
      process.stdout.write(options.json ? `${JSON.stringify(list, null, 2)}\n` : list.map(describe).join(''));
    });

  credentials
    .command('set')
    .description('create a credential, or update the fields given; the fields come as a JSON object on standard input, e.g.\n  printf \'{"token":"%s"}\' "$TOKEN" | hookflow credentials set crm-token --type bearer')
    .argument('<name>', 'the credential name (letters, digits, ".", "_", "-")')
    .option('--type <type>', 'for a new credential: bearer, basic, apiKey, smtp, hmacSecret or publicKey')
    .option('--description <text>', 'what it is for')
    .action(async (name: string, options: { type?: string; description?: string }) => {
      const data = await readFieldsFromStdin();
      const change = { ...(options.description === undefined ? {} : { description: options.description }), data };
      const create = () => {
        if (!options.type) throw new BadRequestError(`There is no credential "${name}" yet: give its --type to create it.`, 'USAGE');
        return { name, type: options.type, ...change };
      };
      const info = await onVault(
        token(),
        async (call) => {
          const list = (await call<{ credentials: CredentialInfo[] }>('/api/credentials')).credentials;
          return list.some((entry) => entry.name === name) ? call<CredentialInfo>(credentialPath(name), json('PUT', change)) : call<CredentialInfo>('/api/credentials', json('POST', create()));
        },
        async (vault) => (vault.info(name) ? vault.update(name, change) : vault.create(create())),
      );
      process.stdout.write(describe(info));
    });

  credentials
    .command('delete')
    .description('delete a credential (refused while a flow names it)')
    .argument('<name>', 'the credential name')
    .action(async (name: string) => {
      await onVault(
        token(),
        (call) => call(credentialPath(name), { method: 'DELETE' }),
        (vault, store) =>
          vault.remove(name, async () => {
            const users = flowsUsingCredential((await store.flows.list()).map((stored) => stored.flow), createRegistry(), name);
            if (users.length > 0) throw new CredentialInUseError(name, users);
          }),
      );
      process.stdout.write(`Deleted the credential "${name}".\n`);
    });
}

const describe = (info: CredentialInfo) => `${info.name}\t${info.type}\t${info.fields.join(', ')}${info.description ? `\t${info.description}` : ''}\n`;

async function readFieldsFromStdin(): Promise<unknown> {
  if (process.stdin.isTTY) throw new BadRequestError('Pipe the fields as a JSON object on standard input, e.g. printf \'{"token":"%s"}\' "$TOKEN" | hookflow credentials set …', 'USAGE');
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.length > maxStdinBytes) throw new BadRequestError(`The fields on standard input may take at most ${maxStdinBytes} bytes.`, 'USAGE');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new BadRequestError('Standard input must be a JSON object of the credential\'s fields, e.g. {"token":"…"}.', 'USAGE');
  }
}

/** Invalid fields, worded for the credential (the CLI's generic wording speaks of flows). */
function explainInvalid(error: unknown): never {
  const problems = error instanceof CredentialInvalidError ? error.problems : error instanceof RemoteError && error.body?.code === 'CREDENTIAL_INVALID' ? (error.body.problems as CredentialInvalidError['problems']) : undefined;
  if (!problems) throw error;
  throw new BadRequestError(`The credential is invalid; nothing was changed:\n${problems.map((problem) => `  - ${problem.path || '(fields)'}: ${problem.message}`).join('\n')}`, 'CREDENTIAL_INVALID', 422);
}
