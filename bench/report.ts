import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BenchResults } from './results';

export const REPORT_FILE = 'docs/benchmarks.md';
const START = '<!-- results:start (written by npm run bench; edit outside these markers) -->';
const END = '<!-- results:end -->';

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

interface Check {
  scenario: string;
  target: string;
  measured: string;
  met: boolean | null;
}

const fmt = (x: number | undefined, digits = 0) => (x === undefined || Number.isNaN(x) ? 'n/a' : x.toLocaleString('en-US', { maximumFractionDigits: digits }));

/** Each target of the performance contract with what the last run measured; null means not measured yet. */
export function checks(r: Partial<BenchResults>): Check[] {
  const c = r.catchup;
  const l5 = r.latency?.['5000'];
  const l10 = r.latency?.['10000'];
  const m = r.memory;
  const b = r.browser;
  const s = r.stuck;
  return [
    { scenario: 'catchup', target: 'monitor / raw kafkajs >= 0.8', measured: c ? fmt(c.ratio, 2) : 'n/a', met: c ? c.ratio >= 0.8 : null },
    { scenario: 'catchup', target: 'monitor >= 50,000 events/s', measured: c ? `${fmt(c.monitorEventsPerSec)} events/s` : 'n/a', met: c ? c.monitorEventsPerSec >= 50_000 : null },
    { scenario: 'latency', target: 'p99 <= 250 ms at 5,000 events/s', measured: l5 ? `${fmt(l5.p99)} ms` : 'n/a', met: l5 ? l5.p99 <= 250 : null },
    {
      scenario: 'latency',
      target: 'no growing backlog at 10,000 events/s',
      measured: l10 ? `lag ${fmt(l10.lagAtStart)} -> ${fmt(l10.lagAtEnd)} records, ${l10.noGrowingBacklog ? 'not growing' : 'growing'}` : 'n/a',
      met: l10 ? l10.noGrowingBacklog === true : null,
    },
    { scenario: 'memory', target: `<= 1 GiB RSS for 200,000 sagas`, measured: m ? `${fmt(m.rssBytes / MIB)} MiB for ${fmt(m.sagas)} sagas` : 'n/a', met: m ? m.rssBytes <= GIB : null },
    { scenario: 'browser', target: '<= 1.5 s to first rows', measured: b ? `${fmt(b.firstRowsMs)} ms` : 'n/a', met: b ? b.firstRowsMs <= 1_500 : null },
    { scenario: 'browser', target: 'no long task over 200 ms', measured: b ? `${fmt(b.longTasksOver200ms)} over 200 ms` : 'n/a', met: b ? b.longTasksOver200ms === 0 : null },
    { scenario: 'stuck', target: 'detection delay p99 <= 1 s', measured: s ? `${fmt(s.delayP99Ms)} ms` : 'n/a', met: s ? s.delayP99Ms <= 1_000 : null },
    { scenario: 'stuck', target: '< 5% of one core while nothing expires', measured: s ? `${fmt(s.cpuPercentIdle, 2)} %` : 'n/a', met: s ? s.cpuPercentIdle < 5 : null },
  ];
}

export function renderResults(r: Partial<BenchResults>): string {
  const m = r.machine;
  const lines = [
    START,
    '',
    m
      ? `Last run ${m.measuredAt}: ${m.cores} cores (${m.cpuModel}), ${fmt(m.memoryBytes / GIB, 1)} GiB memory, Node ${m.node}, ${m.os}, Apache Kafka ${m.kafka} (single local broker).`
      : 'No run recorded yet: `npm run bench`.',
    '',
    '| Scenario | Target | Measured | Met |',
    '| --- | --- | --- | --- |',
    ...checks(r).map((c) => `| ${c.scenario} | ${c.target} | ${c.measured} | ${c.met === null ? 'not run' : c.met ? 'yes' : '**no**'} |`),
    '',
  ];
  if (r.latency) {
    lines.push('Latency from a record\'s timestamp to the socket.io update that carries it:', '', '| Rate (events/s) | p50 ms | p95 ms | p99 ms |', '| --- | --- | --- | --- |');
    for (const [rate, l] of Object.entries(r.latency)) lines.push(`| ${fmt(Number(rate))} | ${fmt(l.p50)} | ${fmt(l.p95)} | ${fmt(l.p99)} |`);
    lines.push('');
  }
  lines.push('The full figures are in [bench/results/latest.json](../bench/results/latest.json).', '', END);
  return lines.join('\n');
}

/** Replaces the generated block of docs/benchmarks.md, keeping the hand-written analysis around it. */
export function writeReport(root: string, r: Partial<BenchResults>): string {
  const file = path.join(root, REPORT_FILE);
  const current = existsSync(file) ? readFileSync(file, 'utf8') : `# Benchmarks\n\n${START}\n${END}\n`;
  const a = current.indexOf(START);
  const b = current.indexOf(END);
  const block = renderResults(r);
  const next = a >= 0 && b > a ? current.slice(0, a) + block + current.slice(b + END.length) : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
  return file;
}
