import { availableParallelism, cpus } from 'node:os';
import type { RecordingCheck } from './check-recording.js';
import type { LoadSample } from './load.js';
import type { TargetName } from './start-target.js';

/** One measured round of one target. */
export interface RoundResult {
  target: TargetName;
  round: number;
  load: LoadSample;
  /** Every request the child served: the checked one, the warm-up and the measured phase. */
  served: number;
  /** The child's RSS right after the measured phase. */
  rssBytes: number;
  /** The machine's 1-minute load average after the round: the bench alone keeps it near 2. */
  loadAverage: number;
  /** Hookflow only: its execution history after the round. */
  recording?: RecordingCheck;
}

/** A target's medians over its rounds: the median, because one noisy round must not decide. */
export interface TargetSummary {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  rssBytes: number;
}

/** The bar: Hookflow keeps ≥ 90 % of the baseline's throughput and ≤ 1.5× its p99. */
export const bar = { minThroughputRatio: 0.9, maxP99Ratio: 1.5 };

export interface Verdict {
  throughputRatio: number;
  p99Ratio: number;
  rssRatio: number;
  passed: boolean;
}

export function summariseRounds(rounds: RoundResult[], target: TargetName): TargetSummary {
  const mine = rounds.filter((round) => round.target === target);
  return {
    requestsPerSecond: median(mine.map((round) => round.load.requestsPerSecond)),
    p50Ms: median(mine.map((round) => round.load.p50Ms)),
    p99Ms: median(mine.map((round) => round.load.p99Ms)),
    rssBytes: median(mine.map((round) => round.rssBytes)),
  };
}

export function judge(baseline: TargetSummary, hookflow: TargetSummary): Verdict {
  const throughputRatio = hookflow.requestsPerSecond / baseline.requestsPerSecond;
  const p99Ratio = hookflow.p99Ms / baseline.p99Ms;
  const passed = throughputRatio >= bar.minThroughputRatio && p99Ratio <= bar.maxP99Ratio;
  return { throughputRatio, p99Ratio, rssRatio: hookflow.rssBytes / baseline.rssBytes, passed };
}

/** One line per round, printed as it finishes, so a long run shows progress and its spread. */
export function formatRound(result: RoundResult): string {
  const { load, recording } = result;
  const recorded = recording ? `; ${formatCount(recording.recorded)} executions recorded (expected ${formatCount(recording.atLeast)}..${formatCount(recording.atMost)})` : '';
  return `round ${result.round} ${result.target.padEnd(8)} ${formatCount(load.requestsPerSecond)} req/s  p50 ${load.p50Ms} ms  p99 ${load.p99Ms} ms  RSS ${formatMegabytes(result.rssBytes)}  load ${result.loadAverage.toFixed(1)}  (${formatCount(load.answered)} answered${recorded})`;
}

/** The results as a Markdown table (pasted as is into BENCHMARKS.md) and the verdict line. */
export function formatReport(baseline: TargetSummary, hookflow: TargetSummary, verdict: Verdict): string {
  const row = (name: string, summary: TargetSummary) =>
    `| ${name} | ${formatCount(summary.requestsPerSecond)} | ${summary.p50Ms} ms | ${summary.p99Ms} ms | ${formatMegabytes(summary.rssBytes)} |`;
  return [
    '| median of rounds | req/s | p50 | p99 | RSS after run |',
    '|---|---:|---:|---:|---:|',
    row('baseline (Express + JSONata)', baseline),
    row('Hookflow (recording on)', hookflow),
    `| Hookflow / baseline | ${ratio(verdict.throughputRatio)} | ${ratio(hookflow.p50Ms / baseline.p50Ms)} | ${ratio(verdict.p99Ratio)} | ${ratio(verdict.rssRatio)} |`,
    '',
    `${verdict.passed ? 'PASS' : 'FAIL'}: Hookflow serves ${percent(verdict.throughputRatio)} of the baseline's req/s (bar ≥ ${percent(bar.minThroughputRatio)}) ` +
      `and its p99 is ${ratio(verdict.p99Ratio)} the baseline's (bar ≤ ${ratio(bar.maxP99Ratio)}).`,
  ].join('\n');
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** A whole number with thousands separators: 1,706. */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

/** A ratio as a factor: 0.954 → "0.95×". */
export function ratio(value: number): string {
  return `${value.toFixed(2)}×`;
}

/** A ratio as a whole percentage: 0.95 → "95 %". */
export function percent(value: number): string {
  return `${(value * 100).toFixed(0)} %`;
}

/** Node's version and the machine's CPUs, the first words of every scenario's output. */
export function describeMachine(): string {
  return `Node ${process.version}, ${availableParallelism()} CPUs (${cpus()[0]?.model ?? 'unknown'})`;
}
