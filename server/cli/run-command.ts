import { readFile } from 'node:fs/promises';
import type { TriggerRequest, WebhookResponse } from '../../nodes/define-node.js';
import { createRegistry } from '../../nodes/registry.js';
import { expressionLimitsOf, type Config } from '../config.js';
import { compileFlow } from '../engine/compile-flow.js';
import { runFlow, type RunOutcome } from '../engine/run-flow.js';
import { BadRequestError } from '../errors.js';
import { noCredentials } from '../credentials/preview-credentials.js';
import { createOutbound } from '../network/outbound.js';
import { createSharedServices } from '../runtime/node-services.js';
import { createMemoryStore } from '../store/open-store.js';

export interface RunCommandOptions {
  input?: string;
  method: string;
  header: string[];
  query: string[];
  timeout?: number;
}

export interface RunReport {
  flow: { id: string; name: string };
  outcome: RunOutcome;
  /** What a respond node sent, if one ran. */
  response?: WebhookResponse;
}

/**
 * Runs a flow file once without a server: the payload is the request body, counters start
 * fresh in memory, and e-mail goes through HOOKFLOW_SMTP_URL when it is set.
 */
export async function runFlowFile(file: string, options: RunCommandOptions, config: Config): Promise<RunReport> {
  const document = await readJson(file, 'flow file');
  const body = options.input === undefined ? undefined : await readPayload(options.input);
  const compiled = compileFlow(document, createRegistry(), expressionLimitsOf(config));
  const store = createMemoryStore();
  const outbound = createOutbound(config);
  const trigger: TriggerRequest = {
    method: options.method.toUpperCase(),
    path: '/cli',
    headers: { 'content-type': 'application/json', ...pairs(options.header, ':', 'header') },
    query: pairs(options.query, '=', 'query'),
    params: {},
    body,
  };
  let response: WebhookResponse | undefined;
  try {
    const outcome = await runFlow(compiled, trigger, {
      timeoutMs: options.timeout ?? config.executionTimeoutMs,
      services: {
        ...createSharedServices(store.flows, outbound, noCredentials),
        respond(sent) {
          if (response) return false;
          response = sent;
          return true;
        },
        log: (message) => process.stderr.write(`${message}\n`),
      },
    });
    return { flow: { id: compiled.flow.id, name: compiled.flow.name }, outcome, ...(response ? { response } : {}) };
  } finally {
    await outbound.close();
    await store.close();
  }
}

/** `--input`: JSON given inline (an object or array), a file, or `-` for standard input. */
async function readPayload(input: string): Promise<unknown> {
  if (!/^\s*[[{]/.test(input)) return readJson(input, 'input payload');
  try {
    return JSON.parse(input);
  } catch (error) {
    throw new BadRequestError(`The input payload given inline is not valid JSON: ${(error as Error).message}`);
  }
}

async function readJson(file: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = file === '-' ? await readStdin() : await readFile(file, 'utf8');
  } catch (error) {
    throw new BadRequestError(`Cannot read the ${what} "${file}": ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}.`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BadRequestError(`The ${what} "${file}" is not valid JSON: ${(error as Error).message}`);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** `name:value` / `name=value` options as a record; a malformed one is a usage error. */
function pairs(values: string[], separator: string, what: string): Record<string, string> {
  const record: Record<string, string> = {};
  for (const value of values) {
    const at = value.indexOf(separator);
    if (at < 1) throw new BadRequestError(`The ${what} "${value}" is not of the form name${separator}value.`);
    const name = value.slice(0, at).trim();
    record[what === 'header' ? name.toLowerCase() : name] = value.slice(at + 1).trim();
  }
  return record;
}
