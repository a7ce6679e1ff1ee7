/** The parts of a bench run, each selectable with `--scenario`. */
export const scenarioNames = ['hot-path', 'durability'] as const;
export type ScenarioName = (typeof scenarioNames)[number];

/** What `npm run bench` was asked for; every scenario measures with the same phases and rounds. */
export interface BenchOptions {
  scenarios: ScenarioName[];
  durationSeconds: number;
  warmupSeconds: number;
  rounds: number;
  /** Where every child writes its CPU profile (`--profile`, hot path only), one folder per target; none when absent. */
  profileDir: string | undefined;
}
