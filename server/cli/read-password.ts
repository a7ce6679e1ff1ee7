import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { BadRequestError } from '../errors.js';

/** More than any accepted password (200 characters): standard input is not read past it. */
const maxBytes = 4096;

/**
 * The password for `hookflow user create`, never from the command line (other users of the machine
 * can read a process's arguments): standard input with `--password-stdin`, else HOOKFLOW_PASSWORD,
 * else a prompt that does not echo, when a person is at a terminal.
 */
export async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin) return (await readStdin()).replace(/\r?\n$/, '');
  if (process.env.HOOKFLOW_PASSWORD) return process.env.HOOKFLOW_PASSWORD;
  if (!process.stdin.isTTY) {
    throw new BadRequestError('Give the password on standard input with --password-stdin (printf %s "$PASSWORD" | hookflow user create …) or in HOOKFLOW_PASSWORD.', 'USAGE');
  }
  const first = await promptHidden('Password: ');
  if ((await promptHidden('Repeat the password: ')) !== first) throw new BadRequestError('The two passwords differ; nothing was created.', 'USAGE');
  return first;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new BadRequestError('Standard input holds more than a password; send only the password.', 'USAGE');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function promptHidden(question: string): Promise<string> {
  process.stderr.write(question);
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = createInterface({ input: process.stdin, output: silent, terminal: true });
  try {
    return await rl.question('');
  } finally {
    rl.close();
    process.stderr.write('\n');
  }
}
