import type { LocalKafka } from '../scripts/local-kafka';
import type { BenchResults } from './results';

export const SCENARIO_NAMES = ['catchup', 'memory', 'latency', 'browser', 'stuck'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export interface BenchContext {
  /** A broker of this scenario's own (fresh, ephemeral), or null for scenarios that need none. */
  kafka: LocalKafka | null;
  /** Repository root. */
  root: string;
  /** Progress on stderr; long phases say where they are. */
  say(line: string): void;
  /** Where profiles and traces of this run go (bench/results/profiles). */
  profileDir: string;
  /** `--profile` was given: run the monitor with --cpu-prof and keep Chromium traces. */
  profile: boolean;
}

export interface Scenario {
  name: ScenarioName;
  /** One line for --help and the report. */
  summary: string;
  /** False for in-process scenarios that read no Kafka. */
  needsKafka: boolean;
  /** The part of the results file this scenario owns (more keys than the file's contract are welcome). */
  run(ctx: BenchContext): Promise<Partial<BenchResults>>;
}
