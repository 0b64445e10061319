import { USAGE, parseCliArgs } from './cli-args';
import { startDemo } from './demo-system';
import { describeOptions, resolveOptions, type DemoOptions } from './options';
import type { DemoStats } from './stats';

/** Often enough to watch the demo work, rare enough not to bury warnings. */
const STATS_INTERVAL_MS = 10_000;

function summary(s: DemoStats): string {
  const started = Object.entries(s.sagasStarted).map(([t, n]) => `${t}=${n}`).join(' ');
  const p = s.produced;
  return [
    `started ${started}`,
    `orders completed=${p.OrderCompleted ?? 0} failed=${p.OrderFailed ?? 0}`,
    `trips confirmed=${p.TripConfirmed ?? 0} cancelled=${p.TripCancelled ?? 0}`,
    `dropped=${s.dropped.count} sent=${s.recordsSent} lost=${s.recordsLost}`,
  ].join(' | ');
}

async function main(): Promise<number> {
  let options: DemoOptions;
  let brokers: string[];
  try {
    const parsed = parseCliArgs(process.argv.slice(2), process.env);
    if (parsed.kind === 'help') {
      console.log(USAGE);
      return 0;
    }
    const resolved = resolveOptions(parsed.options);
    console.log(['Saga demo settings:', ...describeOptions(resolved, parsed.brokers).map((l) => `  ${l}`)].join('\n'));
    // Pin the random defaults so the printed seed and run tag are the ones the demo uses.
    options = { ...parsed.options, seed: resolved.seed, runTag: resolved.runTag };
    brokers = parsed.brokers;
  } catch (e) {
    console.error(`demo: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const demo = await startDemo({ ...options, brokers });
  console.log(`demo: running on ${demo.topics.length} topics; Ctrl-C stops`);
  const ticker = setInterval(() => console.log(`demo: ${summary(demo.stats())}`), STATS_INTERVAL_MS);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  clearInterval(ticker);
  console.log('demo: stopping');
  await demo.stop();
  console.log(`demo: stopped | ${summary(demo.stats())}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`demo: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
