import { InvalidArgumentError, type Command } from 'commander';
import { loadConfig } from '../config.js';
import { executionStatuses } from '../store/execution-summary.js';
import type { ExecutionStatus } from '../store/types.js';
import { openExecutionAdmin, type ExecutionAdmin, type ExecutionFilter } from './execution-admin.js';
import { formatExecution, formatExecutionTable } from './execution-format.js';

const status = (value: string): ExecutionStatus => {
  if (!(executionStatuses as readonly string[]).includes(value)) throw new InvalidArgumentError(`must be one of ${executionStatuses.join(', ')}.`);
  return value as ExecutionStatus;
};
const limit = (value: string) => {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > 500) throw new InvalidArgumentError('must be a whole number from 1 to 500.');
  return number;
};
const printJson = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

async function withExecutions<T>(token: string | undefined, use: (admin: ExecutionAdmin) => Promise<T>): Promise<T> {
  const admin = await openExecutionAdmin(loadConfig(), token);
  try {
    return await use(admin);
  } finally {
    await admin.close();
  }
}

/** `hookflow executions list|show|rerun`: through the running server's API, or on the data directory when none runs. */
export function registerExecutionCommands(program: Command, token: () => string | undefined): void {
  const executions = program.command('executions').description('list and inspect recorded executions, and run failed ones again');

  executions
    .command('list')
    .description('list executions, newest first')
    .option('--flow <id>', 'only this flow’s executions')
    .option('--status <status>', `only executions with this status (${executionStatuses.join(', ')})`, status)
    .option('--limit <n>', 'how many to show, 1 to 500', limit, 20)
    .option('--json', 'print JSON', false)
    .action(async (options: { flow?: string; status?: ExecutionStatus; limit: number; json: boolean }) => {
      const filter: ExecutionFilter = { limit: options.limit, ...(options.flow ? { flowId: options.flow } : {}), ...(options.status ? { status: options.status } : {}) };
      const page = await withExecutions(token(), (admin) => admin.list(filter));
      if (options.json) printJson(page);
      else process.stdout.write(formatExecutionTable(page.items, page.total));
    });

  executions
    .command('show')
    .description('show an execution: its status, when it resumes, its error and each node')
    .argument('<id>', 'the execution id')
    .option('--json', 'print the whole record as JSON (inputs and outputs included)', false)
    .action(async (id: string, options: { json: boolean }) => {
      const record = await withExecutions(token(), (admin) => admin.get(id));
      if (options.json) printJson(record);
      else process.stdout.write(formatExecution(record));
    });

  executions
    .command('rerun')
    .description('run a failed execution again on its recorded request (needs the running server)')
    .argument('<id>', 'the execution id')
    .option('--from-failed-node', 'continue from the node that failed, with its recorded input, instead of from the start', false)
    .action(async (id: string, options: { fromFailedNode: boolean }) => {
      const from = options.fromFailedNode ? 'failed-node' : 'start';
      const { executionId, status: outcome } = await withExecutions(token(), (admin) => admin.rerun(id, from));
      process.stdout.write(`Re-ran execution ${id} ${options.fromFailedNode ? 'from its failed node' : 'from the start'}: new execution ${executionId}, ${outcome}.\n`);
      if (outcome === 'failed' || outcome === 'timeout') process.exitCode = 1;
    });
}
