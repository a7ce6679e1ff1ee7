import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** The parts of a V8 `.cpuprofile` (written by `node --cpu-prof`) that self time needs. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time, in microseconds, per function and per package or source folder. */
export interface ProfileSummary {
  busyMicros: number;
  idleMicros: number;
  byFunction: Map<string, number>;
  byModule: Map<string, number>;
}

/**
 * Adds up the self time of every `.cpuprofile` in `dir` (one per profiled child of a target):
 * where that server's CPU goes, by function and by package.
 */
export async function summariseProfiles(dir: string): Promise<ProfileSummary> {
  const summary: ProfileSummary = { busyMicros: 0, idleMicros: 0, byFunction: new Map(), byModule: new Map() };
  for (const file of (await readdir(dir)).filter((name) => name.endsWith('.cpuprofile'))) {
    addProfile(summary, JSON.parse(await readFile(path.join(dir, file), 'utf8')) as CpuProfile);
  }
  return summary;
}

/** One target's profiles and how many requests it served while they were taken. */
export interface ProfiledTarget {
  summary: ProfileSummary;
  requests: number;
}

/**
 * CPU per request by package, baseline next to Hookflow, then Hookflow's top functions. Per
 * request rather than in percent, so the two targets compare although they served different
 * numbers of requests, and the "extra" column is what Hookflow's hot path costs on top.
 */
export function formatProfileComparison(baseline: ProfiledTarget, hookflow: ProfiledTarget, limit = 25): string {
  const perRequest = (target: ProfiledTarget, micros: number | undefined) => (micros ?? 0) / target.requests;
  const cell = (value: number) => value.toFixed(1).padStart(9);
  const modules = [...new Set([...baseline.summary.byModule.keys(), ...hookflow.summary.byModule.keys()])]
    .map((name) => ({ name, base: perRequest(baseline, baseline.summary.byModule.get(name)), hook: perRequest(hookflow, hookflow.summary.byModule.get(name)) }))
    .sort((a, b) => Math.max(b.base, b.hook) - Math.max(a.base, a.hook))
    .slice(0, 18);
  const functions = [...hookflow.summary.byFunction].sort((a, b) => b[1] - a[1]).slice(0, limit);
  const busyShare = (micros: number) => `${((micros / hookflow.summary.busyMicros) * 100).toFixed(1).padStart(5)} %`;
  const busy = { base: perRequest(baseline, baseline.summary.busyMicros), hook: perRequest(hookflow, hookflow.summary.busyMicros) };
  return [
    'CPU self time per request, µs (node --cpu-prof samples wall time: start-up and time lost to other processes included)',
    `  ${'package / source folder'.padEnd(30)}  baseline  hookflow     extra`,
    ...modules.map(({ name, base, hook }) => `  ${name.padEnd(30)} ${cell(base)} ${cell(hook)} ${cell(hook - base)}`),
    `  ${'all busy time'.padEnd(30)} ${cell(busy.base)} ${cell(busy.hook)} ${cell(busy.hook - busy.base)}`,
    `Hookflow's top functions by self time (µs per request, share of its busy time):`,
    ...functions.map(([name, micros]) => `  ${cell(perRequest(hookflow, micros))}  ${busyShare(micros)}  ${name}`),
  ].join('\n');
}

function addProfile(summary: ProfileSummary, profile: CpuProfile): void {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  // The time up to the next sample belongs to the function that this sample caught running.
  for (let i = 0; i < profile.samples.length - 1; i += 1) {
    const frame = frames.get(profile.samples[i]!);
    const micros = profile.timeDeltas[i + 1] ?? 0;
    if (!frame) continue;
    if (frame.functionName === '(idle)') {
      summary.idleMicros += micros;
      continue;
    }
    summary.busyMicros += micros;
    const where = shortenUrl(frame.url);
    const name = `${frame.functionName || '(anonymous)'}${where ? `  ${where}:${frame.lineNumber + 1}` : ''}`;
    add(summary.byFunction, name, micros);
    add(summary.byModule, moduleOf(frame.url, frame.functionName), micros);
  }
}

function add(totals: Map<string, number>, key: string, micros: number): void {
  totals.set(key, (totals.get(key) ?? 0) + micros);
}

function shortenUrl(url: string): string {
  const inPackage = /node_modules\/(.+)$/.exec(url);
  if (inPackage) return inPackage[1]!;
  const inRepo = /\/dist\/(.+)$/.exec(url);
  return inRepo ? inRepo[1]! : url;
}

/** `xstate`, `express`, `hookflow server/engine`, `node internals`, `(garbage collector)`… */
function moduleOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native / V8 builtins)';
  if (url.startsWith('node:')) return 'node internals';
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inPackage) return inPackage[1]!;
  const inRepo = /\/dist\/([^/]+\/[^/]+)\//.exec(url) ?? /\/dist\/([^/]+)\//.exec(url);
  return inRepo ? `hookflow ${inRepo[1]}` : url;
}
