import { writeFile, readFile } from 'node:fs/promises';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { BadRequestError, FlowError, FlowValidationError, StartupError } from '../errors.js';
import { parseImportText } from '../import/parse-import-text.js';
import { createLogger } from '../logger.js';
import { describeStartFailure, startServer } from '../main.js';
import { readServerLock } from '../runtime/server-lock.js';
import type { FlowAdmin } from './flow-admin.js';
import { formatFlowTable, formatRunReport } from './format.js';
import { registerAccountCommands } from './account-commands.js';
import { registerCredentialCommands } from './credential-commands.js';
import { registerExecutionCommands } from './execution-commands.js';
import { createLocalAdmin } from './local-admin.js';
import { createRemoteAdmin, RemoteError } from './remote-admin.js';
import { runFlowFile } from './run-command.js';

/** Exit codes: 0 done, 1 the flow or the server failed, 2 bad input or usage. */
const exit = { failed: 1, badInput: 2 } as const;

const collect = (value: string, previous: string[]) => [...previous, value];
const positiveInteger = (value: string) => {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('must be a positive whole number of milliseconds.');
  return number;
};

/** The admin for the data directory: the running server's API if one holds it, else the files. */
async function openAdmin(config: Config, token: string | undefined): Promise<FlowAdmin> {
  const lock = await readServerLock(config.dataDir);
  return lock ? createRemoteAdmin(lock.url, token) : createLocalAdmin(config, createLogger('warn'));
}

/** The API token for a running server: `--token`, else HOOKFLOW_TOKEN. */
export const apiTokenOf = (program: Command): string | undefined => program.opts<{ token?: string }>().token ?? (process.env.HOOKFLOW_TOKEN || undefined);

async function withAdmin<T>(token: string | undefined, use: (admin: FlowAdmin) => Promise<T>): Promise<T> {
  const admin = await openAdmin(loadConfig(), token);
  try {
    return await use(admin);
  } finally {
    await admin.close();
  }
}

export function createProgram(): Command {
  const program = new Command('hookflow')
    .description('Hookflow: webhook-driven workflow automation.\nSettings come from HOOKFLOW_* environment variables (see README.md).')
    .showHelpAfterError('(run with --help for usage)')
    .option('--token <token>', 'API token for a running server (default: the HOOKFLOW_TOKEN variable, which keeps it out of the process list)')
    .exitOverride();
  const token = () => apiTokenOf(program);

  program
    .command('start')
    .description('start the server (webhooks, REST API) on HOOKFLOW_HOST:HOOKFLOW_PORT')
    .action(() => startServer());

  program
    .command('import')
    .description('import flow files or bundles; prints each flow with its webhook URL')
    .argument('<files...>', 'Hookflow flow files (.flow.json) or bundles')
    .option('--replace', 'update flows whose id already exists instead of refusing them', false)
    .action(async (files: string[], options: { replace: boolean }) => {
      const documents = await Promise.all(files.map(async (file) => ({ file, document: await readJsonFile(file) })));
      await withAdmin(token(), async (admin) => {
        for (const { file, document } of documents) {
          const imported = await admin.importDocument(document, options.replace).catch((error: unknown) => {
            throw Object.assign(error as Error, { file });
          });
          process.stdout.write(formatFlowTable(imported));
        }
      });
    });

  program
    .command('export')
    .description('write a flow file (or, with --all, a bundle of every flow)')
    .argument('[id]', 'the flow id')
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .option('--all', 'export every flow as one bundle', false)
    .action(async (id: string | undefined, options: { output?: string; all: boolean }) => {
      if (!id && !options.all) throw new BadRequestError('Name the flow to export, or pass --all.', 'USAGE');
      const document = await withAdmin<unknown>(token(), (admin) => (options.all ? admin.exportAll() : admin.exportFlow(id!)));
      const text = `${JSON.stringify(document, null, 2)}\n`;
      if (options.output) await writeFile(options.output, text);
      else process.stdout.write(text);
    });

  program
    .command('list')
    .description('list the flows with their status, version and webhook URL')
    .option('--json', 'print JSON', false)
    .action(async (options: { json: boolean }) => {
      const flows = await withAdmin(token(), (admin) => admin.list());
      process.stdout.write(options.json ? `${JSON.stringify(flows, null, 2)}\n` : formatFlowTable(flows));
    });

  program
    .command('run')
    .description('run a flow file once without a server and print the result and a per-node trace')
    .argument('<flow-file>', 'a Hookflow flow file')
    .option('-i, --input <payload>', 'the request body: inline JSON, a JSON file, or "-" for standard input')
    .option('-X, --method <method>', 'request method the flow sees', 'POST')
    .option('-H, --header <name:value>', 'a request header (repeatable)', collect, [])
    .option('-q, --query <name=value>', 'a query parameter (repeatable)', collect, [])
    .option('--timeout <ms>', 'stop the run after this many milliseconds', positiveInteger)
    .option('--json', 'print the report as JSON', false)
    .option('-v, --verbose', "show each node's input and output", false)
    .action(async (file: string, options: Parameters<typeof runFlowFile>[1] & { json: boolean; verbose: boolean }) => {
      const report = await runFlowFile(file, options, loadConfig());
      process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatRunReport(report, options.verbose));
      if (report.outcome.status !== 'succeeded') process.exitCode = exit.failed;
    });

  registerAccountCommands(program, token);
  registerCredentialCommands(program, token);
  registerExecutionCommands(program, token);
  return program;
}

async function readJsonFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new BadRequestError(`Cannot read "${file}": ${(error as Error).message}`, 'FILE_UNREADABLE');
  }
  return parseImportText(text, file);
}

/** Prints an error the way a person can act on it, and sets the exit code. */
export function reportError(error: unknown): number {
  if (error instanceof CommanderError) {
    return error.exitCode === 0 ? 0 : exit.badInput;
  }
  const file = (error as { file?: string }).file;
  const where = file ? `${file}: ` : '';
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    return exit.badInput;
  }
  if (error instanceof StartupError) {
    process.stderr.write(`${describeStartFailure(error)}\n`);
    return exit.failed;
  }
  if (error instanceof FlowValidationError || (error instanceof RemoteError && Array.isArray(error.body?.problems))) {
    const problems = (error instanceof FlowValidationError ? error.problems : (error.body!.problems as FlowValidationError['problems']));
    process.stderr.write(`${where}the flow is invalid; nothing was changed:\n${problems.map((problem) => `  - ${problem.path || '(file)'}: ${problem.message}`).join('\n')}\n`);
    return exit.badInput;
  }
  if (error instanceof FlowError || error instanceof RemoteError) {
    process.stderr.write(`${where}${error.message}\n`);
    return error.status < 500 ? exit.badInput : exit.failed;
  }
  process.stderr.write(`hookflow failed: ${error instanceof Error ? error.message : String(error)}\n`);
  return exit.failed;
}

/** Runs the CLI with the process's arguments. */
export async function main(argv: string[] = process.argv): Promise<void> {
  try {
    await createProgram().parseAsync(argv);
  } catch (error) {
    process.exitCode = reportError(error);
  }
}
