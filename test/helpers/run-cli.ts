import { spawn } from 'node:child_process';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const entry = path.join(repoRoot, 'test/helpers/cli-entry.ts');

export interface CliResult {
  /** The exit code; null when the process was killed by a signal. */
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** HOOKFLOW_DATA_DIR of the command. */
  dataDir: string;
  /** More HOOKFLOW_* settings. */
  env?: Record<string, string>;
  /** Written to the command's standard input (closed either way). */
  stdin?: string;
  timeoutMs?: number;
}

/**
 * Runs `hookflow <args>` from the sources (node + tsx) in the repository root, with logging off
 * and its own data directory, and resolves once it exits. A command that hangs is killed and
 * rejected with what it printed so far.
 *
 * @example
 * const { code, stdout } = await runCli(['list', '--json'], { dataDir });
 */
export function runCli(args: string[], options: CliOptions): Promise<CliResult> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('HOOKFLOW_')));
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: repoRoot,
    env: { ...inherited, HOOKFLOW_DATA_DIR: options.dataDir, HOOKFLOW_LOG_LEVEL: 'silent', ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.end(options.stdin ?? '');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`hookflow ${args.join(' ')} did not exit within ${options.timeoutMs ?? 30_000} ms.\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, options.timeoutMs ?? 30_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
