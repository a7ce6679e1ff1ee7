/** The line a bench server prints on stdout once it accepts requests. */
export interface ReadyLine {
  bench: 'ready';
  port: number;
  url: string;
  /** An API token for the server's `/api` (Hookflow's), with which the bench checks the records. */
  apiToken?: string;
  /** Hookflow's `fsync` setting as its config read it, so the bench can check what it measures. */
  fsync?: boolean;
}

/** What a bench server says about itself when asked. */
export interface ChildStats {
  /** Resident set size now, in bytes. */
  rss: number;
  /** `fdatasync` calls made so far (Hookflow only: see hookflow-server.ts). */
  datasyncCalls?: number;
}

/** A question run-bench asks a child over IPC, and its answer. */
export type ControlMessage = { type: 'stats' } | { type: 'stats-report'; stats: ChildStats };

/**
 * Prints the ready line (one JSON line on stdout). stdout rather than IPC so that a person can
 * also start a bench server by hand, e.g. to profile it, and see where it listens.
 */
export function announceReady(port: number, extra: Pick<ReadyLine, 'apiToken' | 'fsync'> = {}): void {
  const line: ReadyLine = { bench: 'ready', port, url: `http://127.0.0.1:${port}`, ...extra };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/**
 * Answers run-bench's question with this process's RSS (and `fdatasync` count, given
 * `countDatasyncs`), and calls `shutdown` when run-bench goes away without stopping us (crash,
 * SIGKILL), so no server is left behind. The endpoint lives here, in the bench wrapper, not in
 * the app under test.
 */
export function serveBenchControl(shutdown: () => void, countDatasyncs?: () => number): void {
  if (!process.send) return;
  process.on('message', (message: ControlMessage) => {
    if (message.type !== 'stats') return;
    const stats: ChildStats = { rss: process.memoryUsage().rss, datasyncCalls: countDatasyncs?.() };
    process.send?.({ type: 'stats-report', stats } satisfies ControlMessage);
  });
  process.on('disconnect', shutdown);
}
