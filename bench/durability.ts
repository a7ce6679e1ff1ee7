import { statfs } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import type { BenchOptions } from './bench-options.js';
import { acceptedFlowId, acceptedWebhookPath } from './bench-flow.js';
import { checkRecordedExecutions } from './check-recording.js';
import { formatDurabilityReport, formatPhase, type DurabilityPhase } from './durability-report.js';
import { checkAccepted, connections, isAcceptance, runLoad, type LoadPlan } from './load.js';
import { describeMachine } from './report.js';
import { startTarget, type Target } from './start-target.js';
import { measureSyncLatency } from './sync-latency.js';

/** Measured in this order on each server: under concurrent load (group commit), then one client at a time. */
const concurrencies = [connections, 1] as const;

/** What `statfs` calls tmpfs: there `fdatasync` costs nothing and the comparison means nothing. */
const tmpfsMagic = 0x01021994;

/**
 * The durability scenario: the bench flow in `immediately` mode, whose 202 goes out once the
 * execution's `running` record is written, served by Hookflow with `HOOKFLOW_FSYNC=true` (each
 * batch of records fdatasync'd before any of its 202s) and with `HOOKFLOW_FSYNC=false`, in
 * alternating order per round, each in a fresh child with a data directory under the OS temp
 * directory. Each server is warmed up, then measured with `connections` clients and with one,
 * counting its fdatasync calls. Resolves false when durability costs most of the throughput.
 */
export async function runDurability(options: BenchOptions): Promise<boolean> {
  console.log(`Durability. ${describeMachine()}; \`immediately\` flow, HOOKFLOW_FSYNC true against false; ${concurrencies.join(' then ')} connections, ` +
    `${options.warmupSeconds} s warm-up + ${options.durationSeconds} s measured each, ${options.rounds} rounds per setting; data in ${tmpdir()}`);
  if ((await statfs(tmpdir())).type === tmpfsMagic) console.warn(`warning: ${tmpdir()} is a tmpfs, where fdatasync is free; set TMPDIR to a directory on a disk.`);
  console.log(await describeSyncLatency('before'));
  const phases: DurabilityPhase[] = [];
  for (let round = 1; round <= options.rounds; round += 1) {
    // Alternating which goes first, so that a busy spell on the machine hits both alike.
    const order = round % 2 === 1 ? [true, false] : [false, true];
    for (const fsync of order) {
      for (const phase of await runServer(fsync, round, options)) {
        phases.push(phase);
        console.log(formatPhase(phase));
      }
    }
  }
  console.log(await describeSyncLatency('after'));
  const { report, passed } = formatDurabilityReport(phases, concurrencies);
  console.log(`\n${report}`);
  return passed;
}

/** How long the durability scenario should take at most, with a minute per child for start, checks and stop. */
export function durabilityBudgetSeconds(options: BenchOptions): number {
  return options.rounds * 2 * (options.warmupSeconds + concurrencies.length * options.durationSeconds + 60);
}

async function describeSyncLatency(when: string): Promise<string> {
  return `${when} the rounds, append + fdatasync of 1 KiB in ${tmpdir()} takes ${(await measureSyncLatency(tmpdir())).toFixed(2)} ms (median of 100)`;
}

/** One server with `HOOKFLOW_FSYNC` set to `fsync`: start, check, warm up, measure each concurrency, check its records, stop. */
async function runServer(fsync: boolean, round: number, options: BenchOptions): Promise<DurabilityPhase[]> {
  const target = await startTarget('hookflow', { env: { HOOKFLOW_FSYNC: String(fsync) } });
  try {
    if (target.fsync !== fsync) throw new Error(`Hookflow was started with HOOKFLOW_FSYNC=${fsync} but its config says fsync ${target.fsync}.`);
    await checkAccepted(target);
    const plan = (clients: number, durationSeconds: number): LoadPlan => ({ path: acceptedWebhookPath, status: 202, verifyBody: isAcceptance, connections: clients, durationSeconds });
    const warm = await runLoad(target, plan(connections, options.warmupSeconds));
    const phases: DurabilityPhase[] = [];
    for (const clients of concurrencies) phases.push(await measurePhase(target, fsync, round, plan(clients, options.durationSeconds)));
    const answered = 1 + warm.answered + phases.reduce((sum, phase) => sum + phase.load.answered, 0);
    const sent = 1 + warm.sent + phases.reduce((sum, phase) => sum + phase.load.sent, 0);
    phases.at(-1)!.recording = await checkRecordedExecutions(target.url, target.apiToken, acceptedFlowId, { answered, sent });
    return phases;
  } finally {
    await target.stop();
  }
}

/**
 * One measured load phase, with the server's fdatasync calls over it. A durable server that made
 * none, or a non-durable one that made some, is not what the bench claims to measure: that throws.
 */
async function measurePhase(target: Target, fsync: boolean, round: number, plan: LoadPlan): Promise<DurabilityPhase> {
  const before = await target.readStats();
  const load = await runLoad(target, plan);
  const after = await target.readStats();
  const datasyncCalls = (after.datasyncCalls ?? 0) - (before.datasyncCalls ?? 0);
  if (fsync !== datasyncCalls > 0) {
    throw new Error(`Hookflow with HOOKFLOW_FSYNC=${fsync} made ${datasyncCalls} fdatasync calls while it accepted ${load.answered} events.`);
  }
  return { fsync, round, connections: plan.connections ?? connections, load, datasyncCalls, loadAverage: loadavg()[0] ?? 0 };
}
