import type { RecordingCheck } from './check-recording.js';
import type { LoadSample } from './load.js';
import { formatCount, median, percent, ratio } from './report.js';

/** One measured phase of the durability scenario: one server, one number of connections. */
export interface DurabilityPhase {
  fsync: boolean;
  round: number;
  connections: number;
  load: LoadSample;
  /** `fdatasync` calls the server made during the phase (0 without fsync). */
  datasyncCalls: number;
  /** The machine's 1-minute load average after the phase. */
  loadAverage: number;
  /** The server's execution history, checked after its last phase. */
  recording?: RecordingCheck;
}

/** One row of the table: the medians over the rounds of one server setting and concurrency. */
export interface DurabilitySummary {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Accepted events (202s) per `fdatasync` call over all rounds; undefined without fsync. */
  acceptedPerDatasync: number | undefined;
}

/**
 * The issue's promise: batching concurrent events into one write keeps durability from costing
 * most of the throughput, i.e. durable acceptance serves at least half the non-durable req/s
 * under concurrent load.
 */
export const durabilityBar = { minThroughputRatio: 0.5 };

export function summarisePhases(phases: DurabilityPhase[], fsync: boolean, connections: number): DurabilitySummary {
  const mine = phases.filter((phase) => phase.fsync === fsync && phase.connections === connections);
  const datasyncs = mine.reduce((sum, phase) => sum + phase.datasyncCalls, 0);
  const accepted = mine.reduce((sum, phase) => sum + phase.load.answered, 0);
  return {
    requestsPerSecond: median(mine.map((phase) => phase.load.requestsPerSecond)),
    p50Ms: median(mine.map((phase) => phase.load.p50Ms)),
    p99Ms: median(mine.map((phase) => phase.load.p99Ms)),
    acceptedPerDatasync: datasyncs > 0 ? accepted / datasyncs : undefined,
  };
}

/** One line per phase, printed as it finishes. */
export function formatPhase(phase: DurabilityPhase): string {
  const { load, recording } = phase;
  const synced = phase.fsync ? `fdatasync ${formatCount(phase.datasyncCalls)} (${perCall(load.answered, phase.datasyncCalls)} 202s each)` : 'no fdatasync';
  const recorded = recording ? `; ${formatCount(recording.recorded)} executions recorded (expected ${formatCount(recording.atLeast)}..${formatCount(recording.atMost)})` : '';
  return `round ${phase.round} ${settingName(phase.fsync).padEnd(11)} ${String(phase.connections).padStart(2)} conn. ${formatCount(load.requestsPerSecond)} req/s  ` +
    `p50 ${load.p50Ms} ms  p99 ${load.p99Ms} ms  ${synced}  load ${phase.loadAverage.toFixed(1)}  (${formatCount(load.answered)} accepted${recorded})`;
}

/**
 * The results as a Markdown table (pasted as is into BENCHMARKS.md), one block per concurrency,
 * and the verdict against `durabilityBar` at the highest concurrency. Returns the verdict too.
 */
export function formatDurabilityReport(phases: DurabilityPhase[], concurrencies: readonly number[]): { report: string; passed: boolean } {
  const lines = ['| median of rounds, `immediately` flow | req/s | p50 | p99 | 202s per fdatasync |', '|---|---:|---:|---:|---:|'];
  const ratios = new Map<number, number>();
  for (const connections of concurrencies) {
    const durable = summarisePhases(phases, true, connections);
    const fast = summarisePhases(phases, false, connections);
    const clients = connections === 1 ? '1 connection' : `${connections} connections`;
    const row = (name: string, summary: DurabilitySummary) =>
      `| ${clients}, ${name} | ${formatCount(summary.requestsPerSecond)} | ${summary.p50Ms} ms | ${summary.p99Ms} ms | ${summary.acceptedPerDatasync === undefined ? '–' : summary.acceptedPerDatasync.toFixed(1)} |`;
    ratios.set(connections, durable.requestsPerSecond / fast.requestsPerSecond);
    lines.push(
      row('durable (HOOKFLOW_FSYNC=true)', durable),
      row('not durable (HOOKFLOW_FSYNC=false)', fast),
      `| ${clients}, durable / not durable | ${ratio(ratios.get(connections)!)} | ${ratio(durable.p50Ms / fast.p50Ms)} | ${ratio(durable.p99Ms / fast.p99Ms)} | |`,
    );
  }
  const loaded = Math.max(...concurrencies);
  const kept = ratios.get(loaded)!;
  const passed = kept >= durabilityBar.minThroughputRatio;
  const others = concurrencies.filter((connections) => connections !== loaded).map((connections) => `with ${connections} it keeps ${percent(ratios.get(connections)!)}`);
  lines.push(
    '',
    `${passed ? 'PASS' : 'FAIL'}: with ${loaded} connections, durable acceptance keeps ${percent(kept)} of the non-durable req/s ` +
      `(bar ≥ ${percent(durabilityBar.minThroughputRatio)}: durability must not cost most of the throughput)${others.length ? `; ${others.join('; ')}` : ''}.`,
  );
  return { report: lines.join('\n'), passed };
}

function settingName(fsync: boolean): string {
  return fsync ? 'durable' : 'not durable';
}

function perCall(accepted: number, calls: number): string {
  return calls === 0 ? '–' : (accepted / calls).toFixed(1);
}
