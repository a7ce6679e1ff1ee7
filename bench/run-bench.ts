import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { scenarioNames, type BenchOptions, type ScenarioName } from './bench-options.js';
import { durabilityBudgetSeconds, runDurability } from './durability.js';
import { hotPathBudgetSeconds, runHotPath } from './hot-path.js';
import { killAllTargets } from './start-target.js';

const usage =
  'usage: npm run bench -- [--scenario hot-path|durability (default: both)] [--duration <s> (or BENCH_DURATION, default 10)] ' +
  '[--warmup <s> (default 3)] [--rounds <n> (default 3)] [--profile (hot path)]';

/** Each scenario: what runs it (false on FAIL) and the longest it should take. */
const scenarios: Record<ScenarioName, { run(options: BenchOptions): Promise<boolean>; budgetSeconds(options: BenchOptions): number }> = {
  'hot-path': { run: runHotPath, budgetSeconds: hotPathBudgetSeconds },
  durability: { run: runDurability, budgetSeconds: durabilityBudgetSeconds },
};

/**
 * `npm run bench`: the selected scenarios one after the other (see BENCHMARKS.md). Resolves false
 * when any of them fails its bar; a target that answers errors throws.
 */
async function runBench(options: BenchOptions): Promise<boolean> {
  let passed = true;
  for (const [index, name] of options.scenarios.entries()) {
    if (index > 0) console.log('');
    passed = (await scenarios[name].run(options)) && passed;
  }
  return passed;
}

async function readOptions(): Promise<BenchOptions> {
  const { values } = parseArgs({
    options: {
      scenario: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      rounds: { type: 'string' },
      profile: { type: 'boolean' },
    },
  });
  return {
    scenarios: readScenarios(values.scenario),
    durationSeconds: readNumber('duration', values.duration ?? process.env.BENCH_DURATION ?? '10'),
    warmupSeconds: readNumber('warmup', values.warmup ?? '3'),
    rounds: readNumber('rounds', values.rounds ?? '3'),
    profileDir: values.profile ? await mkdtemp(path.join(tmpdir(), 'hookflow-bench-profile-')) : undefined,
  };
}

function readScenarios(text: string | undefined): ScenarioName[] {
  if (text === undefined) return [...scenarioNames];
  if (!(scenarioNames as readonly string[]).includes(text)) throw new Error(`--scenario must be one of ${scenarioNames.join(', ')}, not "${text}".\n${usage}`);
  return [text as ScenarioName];
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
  const budgetMs = options.scenarios.reduce((sum, name) => sum + scenarios[name].budgetSeconds(options), 0) * 1000;
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
