import { mkdtemp } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkRecordedExecutions } from './check-recording.js';
import { checkAnswer, connections, runLoad } from './load.js';
import { formatReport, formatRound, judge, summariseRounds, type RoundResult } from './report.js';
import { killAllTargets, startTarget, type TargetName } from './start-target.js';
import { formatProfileComparison, summariseProfiles } from './summarise-profile.js';

interface BenchOptions {
  durationSeconds: number;
  warmupSeconds: number;
  rounds: number;
  /** Where every child writes its CPU profile (`--profile`), one folder per target; none when absent. */
  profileDir: string | undefined;
}

const usage = 'usage: npm run bench -- [--duration <s> (or BENCH_DURATION, default 10)] [--warmup <s> (default 3)] [--rounds <n> (default 3)] [--profile]';

/**
 * `npm run bench`: Hookflow against a hand-written Express + JSONata baseline on the bench flow,
 * in alternating rounds (so drift on the machine hits both alike), each target in a fresh child
 * process with its own warm-up. Prints every round, the medians, the ratios and PASS/FAIL against
 * the bar; resolves false on FAIL and throws when a target answers errors.
 */
async function runBench(options: BenchOptions): Promise<boolean> {
  console.log(`Node ${process.version}, ${availableParallelism()} CPUs (${cpus()[0]?.model ?? 'unknown'}); ` +
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

/** Start, check one answer, warm up, measure, read RSS (and Hookflow's history), stop. */
async function runRound(name: TargetName, round: number, options: BenchOptions): Promise<RoundResult> {
  const profiling = options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.join(options.profileDir, name)}`] : [];
  const target = await startTarget(name, profiling);
  try {
    const expectBody = await checkAnswer(target);
    const warm = await runLoad(target, options.warmupSeconds, expectBody);
    const load = await runLoad(target, options.durationSeconds, expectBody);
    const rssBytes = await target.readRss();
    const served = 1 + warm.answered + load.answered;
    const measured = { target: name, round, load, served, rssBytes, loadAverage: loadavg()[0] ?? 0 };
    if (name === 'baseline') return measured;
    return { ...measured, recording: await checkRecordedExecutions(target.url, target.apiToken, { answered: served, sent: 1 + warm.sent + load.sent }) };
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

async function readOptions(): Promise<BenchOptions> {
  const { values } = parseArgs({
    options: { duration: { type: 'string' }, warmup: { type: 'string' }, rounds: { type: 'string' }, profile: { type: 'boolean' } },
  });
  return {
    durationSeconds: readNumber('duration', values.duration ?? process.env.BENCH_DURATION ?? '10'),
    warmupSeconds: readNumber('warmup', values.warmup ?? '3'),
    rounds: readNumber('rounds', values.rounds ?? '3'),
    profileDir: values.profile ? await mkdtemp(path.join(tmpdir(), 'hookflow-bench-profile-')) : undefined,
  };
}

function readNumber(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 600) throw new Error(`--${name} must be a whole number from 1 to 600, not "${text}".\n${usage}`);
  return value;
}

/**
 * However the bench ends (finished, error, Ctrl-C, a target that hangs), no server is left
 * running: the watchdog bounds the whole run by the time its phases should take plus a margin.
 */
function guardRun(options: BenchOptions): void {
  process.on('exit', killAllTargets);
  process.on('SIGINT', () => process.exit(130));
  process.on('SIGTERM', () => process.exit(143));
  const budgetMs = options.rounds * 2 * (options.warmupSeconds + options.durationSeconds + 60) * 1000;
  setTimeout(() => {
    console.error(`bench FAILED: still running after ${budgetMs / 1000} s; stopping.`);
    process.exit(1);
  }, budgetMs).unref();
}

readOptions()
  .then((options) => {
    guardRun(options);
    return runBench(options);
  })
  .then(
    (passed) => {
      process.exitCode = passed ? 0 : 1;
    },
    (error: unknown) => {
      console.error(`\nbench FAILED: ${(error as Error).message}`);
      process.exitCode = 1;
    },
  )
  .finally(killAllTargets);
