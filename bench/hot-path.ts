import { loadavg } from 'node:os';
import path from 'node:path';
import type { BenchOptions } from './bench-options.js';
import { benchFlowId, webhookPath } from './bench-flow.js';
import { checkRecordedExecutions } from './check-recording.js';
import { checkAnswer, connections, runLoad } from './load.js';
import { describeMachine, formatReport, formatRound, judge, summariseRounds, type RoundResult } from './report.js';
import { startTarget, type TargetName } from './start-target.js';
import { formatProfileComparison, summariseProfiles } from './summarise-profile.js';

/**
 * The hot-path scenario: Hookflow against a hand-written Express + JSONata baseline on the bench
 * flow, in alternating rounds (so drift on the machine hits both alike), each target in a fresh
 * child process with its own warm-up. Prints every round, the medians, the ratios and PASS/FAIL
 * against the bar; resolves false on FAIL and throws when a target answers errors.
 */
export async function runHotPath(options: BenchOptions): Promise<boolean> {
  console.log(`Hot path. ${describeMachine()}; ` +
    `${connections} connections, ${options.warmupSeconds} s warm-up + ${options.durationSeconds} s measured, ${options.rounds} rounds per target`);
  const results: RoundResult[] = [];
  for (let round = 1; round <= options.rounds; round += 1) {
    for (const target of ['baseline', 'hookflow'] as const) {
      const result = await runRound(target, round, options);
      results.push(result);
      console.log(formatRound(result));
    }
  }
  const baseline = summariseRounds(results, 'baseline');
  const hookflow = summariseRounds(results, 'hookflow');
  const verdict = judge(baseline, hookflow);
  console.log(`\n${formatReport(baseline, hookflow, verdict)}`);
  if (options.profileDir) console.log(`\n${await compareProfiles(options.profileDir, results)}`);
  return verdict.passed;
}

/** How long the hot path should take at most, with a minute per child for start, checks and stop. */
export function hotPathBudgetSeconds(options: BenchOptions): number {
  return options.rounds * 2 * (options.warmupSeconds + options.durationSeconds + 60);
}

/** Start, check one answer, warm up, measure, read RSS (and Hookflow's history), stop. */
async function runRound(name: TargetName, round: number, options: BenchOptions): Promise<RoundResult> {
  const profiling = options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.join(options.profileDir, name)}`] : [];
  const target = await startTarget(name, { execArgv: profiling });
  try {
    const expectBody = await checkAnswer(target);
    const plan = { path: webhookPath, status: 200, expectBody };
    const warm = await runLoad(target, { ...plan, durationSeconds: options.warmupSeconds });
    const load = await runLoad(target, { ...plan, durationSeconds: options.durationSeconds });
    const { rss: rssBytes } = await target.readStats();
    const served = 1 + warm.answered + load.answered;
    const measured = { target: name, round, load, served, rssBytes, loadAverage: loadavg()[0] ?? 0 };
    if (name === 'baseline') return measured;
    return { ...measured, recording: await checkRecordedExecutions(target.url, target.apiToken, benchFlowId, { answered: served, sent: 1 + warm.sent + load.sent }) };
  } finally {
    await target.stop();
  }
}

/** Where each target's CPU went, per request served, from the profiles its children wrote on exit. */
async function compareProfiles(dir: string, results: RoundResult[]): Promise<string> {
  const profiled = async (name: TargetName) => ({
    summary: await summariseProfiles(path.join(dir, name)),
    requests: results.filter((result) => result.target === name).reduce((sum, result) => sum + result.served, 0),
  });
  const comparison = formatProfileComparison(await profiled('baseline'), await profiled('hookflow'));
  return `${comparison}\n(profiles kept in ${dir}; profiling slows both servers, so read this run's req/s as a profile, not a result)`;
}
