import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLocalKafka, type LocalKafka } from '../scripts/local-kafka';
import { buildIfNeeded } from '../scripts/build-if-needed';
import { describeMachine } from './machine';
import { writeReport } from './report';
import { readResults, writeResults, type BenchResults } from './results';
import { SCENARIO_NAMES, type Scenario, type ScenarioName } from './scenario';

/**
 * `npm run bench [-- scenario...] [--profile]`: each scenario gets a fresh local Kafka, runs, and writes its part of
 * bench/results/latest.json; docs/benchmarks.md's table is rewritten from the whole file.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const say = (line: string) => process.stderr.write(`[bench] ${line}\n`);

function usage(): string {
  return `usage: npm run bench [-- ${SCENARIO_NAMES.join('|')} ...] [--profile]\n  no scenario: all of them, in this order`;
}

function parseArgs(argv: string[]): { names: ScenarioName[]; profile: boolean } {
  const profile = argv.includes('--profile');
  const rest = argv.filter((a) => a !== '--profile');
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${usage()}\n`);
    process.exit(0);
  }
  const unknown = rest.filter((a) => !(SCENARIO_NAMES as readonly string[]).includes(a));
  if (unknown.length > 0) throw new Error(`unknown scenario ${unknown.map((u) => `"${u}"`).join(', ')}\n${usage()}`);
  return { names: rest.length > 0 ? SCENARIO_NAMES.filter((n) => rest.includes(n)) : [...SCENARIO_NAMES], profile };
}

async function loadScenario(name: ScenarioName): Promise<Scenario> {
  const mod = (await import(`./scenarios/${name}.ts`)) as { scenario: Scenario };
  return mod.scenario;
}

async function main(): Promise<void> {
  const { names, profile } = parseArgs(process.argv.slice(2));
  process.env.NEXT_TELEMETRY_DISABLED ??= '1';
  const profileDir = path.join(ROOT, 'bench', 'results', 'profiles');
  if (profile) mkdirSync(profileDir, { recursive: true });
  const scenarios = await Promise.all(names.map(loadScenario));
  // The monitor runs as in production, pages included. BENCH_NO_BUILD=1 keeps whatever build exists (iterating on
  // server code, which runs from source, needs no new page bundle).
  if (process.env.BENCH_NO_BUILD !== '1') await buildIfNeeded(ROOT, say);
  let results: Partial<BenchResults> = readResults(ROOT);
  let failed = 0;
  for (const s of scenarios) {
    say(`${s.name}: ${s.summary}`);
    let kafka: LocalKafka | null = null;
    try {
      if (s.needsKafka) kafka = await startLocalKafka({ ephemeral: true, onProgress: (l) => say(`kafka: ${l}`) });
      const part = await s.run({ kafka, root: ROOT, say: (l) => say(`${s.name}: ${l}`), profileDir, profile });
      results = { ...results, ...part, machine: { ...describeMachine(), measuredAt: new Date().toISOString() } };
      writeResults(ROOT, results);
      writeReport(ROOT, results);
      say(`${s.name}: ${JSON.stringify(part)}`);
    } catch (e) {
      failed += 1;
      say(`${s.name} FAILED: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    } finally {
      await kafka?.stop().catch((e: unknown) => say(`kafka stop: ${String(e)}`));
    }
  }
  say(`results in bench/results/latest.json and docs/benchmarks.md${failed > 0 ? `; ${failed} scenario(s) failed` : ''}`);
  process.exit(failed > 0 ? 1 : 0);
}

main().catch((e: unknown) => {
  say(e instanceof Error ? e.message : String(e));
  process.exit(2);
});
