/** The line a bench server prints on stdout once it accepts requests. */
export interface ReadyLine {
  bench: 'ready';
  port: number;
  url: string;
  /** An API token for the server's `/api` (Hookflow's), with which the bench checks the records. */
  apiToken?: string;
}

/** A question run-bench asks a child over IPC, and its answer. */
export type ControlMessage = { type: 'memory' } | { type: 'memory-report'; rss: number };

/**
 * Prints the ready line (one JSON line on stdout). stdout rather than IPC so that a person can
 * also start a bench server by hand, e.g. to profile it, and see where it listens.
 */
export function announceReady(port: number, apiToken?: string): void {
  const line: ReadyLine = { bench: 'ready', port, url: `http://127.0.0.1:${port}`, ...(apiToken ? { apiToken } : {}) };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/**
 * Answers run-bench's memory question with this process's RSS, and calls `shutdown` when
 * run-bench goes away without stopping us (crash, SIGKILL), so no server is left behind. The
 * endpoint lives here, in the bench wrapper, not in the app under test.
 */
export function serveBenchControl(shutdown: () => void): void {
  if (!process.send) return;
  process.on('message', (message: ControlMessage) => {
    if (message.type === 'memory') process.send?.({ type: 'memory-report', rss: process.memoryUsage().rss } satisfies ControlMessage);
  });
  process.on('disconnect', shutdown);
}
