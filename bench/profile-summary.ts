import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsxSourceLines, type SourceLineOf } from './profile-source-lines';

/** The parts of a V8 .cpuprofile (as `node --cpu-prof` writes it) that self time needs. */
export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber?: number }; children?: number[] }>;
  /** Microseconds, on the monotonic clock of process.hrtime. */
  startTime: number;
  endTime: number;
  samples: number[];
  /** Microseconds since the previous sample (the first: since startTime). */
  timeDeltas: number[];
}

export interface Frame {
  /** `function file:line`, the file relative to the root given. */
  frame: string;
  selfMs: number;
  /** Share of the sampled time in the window, idle included. */
  percent: number;
}

export interface ProfileSummary {
  /** Sampled time in the window. */
  totalMs: number;
  /** Time the process waited for I/O or timers. */
  idleMs: number;
  top: Frame[];
}

export interface SummaryOptions {
  top?: number;
  /** Only samples taken in [fromUs, toUs), on the profile's clock (process.hrtime in microseconds). */
  fromUs?: number;
  toUs?: number;
  /** File paths are shown relative to this. */
  root?: string;
  /** The source line of a frame whose recorded line is not it (code loaded through tsx); else the recorded one. */
  sourceLine?: SourceLineOf;
}

const DEFAULT_TOP = 15;

function frameName(cf: CpuProfile['nodes'][number]['callFrame'], o: SummaryOptions): string {
  const name = cf.functionName || '(anonymous)';
  if (!cf.url) return name;
  let file = cf.url.startsWith('file://') ? fileURLToPath(cf.url) : cf.url;
  if (o.root && file.startsWith(o.root)) file = path.relative(o.root, file);
  // Line numbers in profiles are zero-based; a frame tsx loaded is on line 1 of a one-line module unless mapped back.
  const mapped = o.sourceLine?.(cf);
  if (mapped === null) return `${name} ${file}`;
  return `${name} ${file}:${mapped ?? cf.lineNumber + 1}`;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Self time per frame: a sample lasts until the next one (the last until endTime), as the browser's profiler counts
 * it. Frames with the same function, file and line are merged (one function reached through many call paths).
 */
export function summarizeProfile(p: CpuProfile, o: SummaryOptions = {}): ProfileSummary {
  const byId = new Map(p.nodes.map((n) => [n.id, frameName(n.callFrame, o)]));
  const self = new Map<string, number>();
  const from = o.fromUs ?? -Infinity;
  const to = o.toUs ?? Infinity;
  let t = p.startTime;
  let total = 0;
  let idle = 0;
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i] ?? 0;
    const next = i + 1 < p.samples.length ? t + (p.timeDeltas[i + 1] ?? 0) : p.endTime;
    const start = Math.max(t, from);
    const end = Math.min(next, to);
    if (end <= start) continue;
    const us = end - start;
    const name = byId.get(p.samples[i]) ?? '(unknown)';
    self.set(name, (self.get(name) ?? 0) + us);
    total += us;
    if (name === '(idle)') idle += us;
  }
  const top = [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, o.top ?? DEFAULT_TOP)
    .map(([frame, us]) => ({ frame, selfMs: round1(us / 1000), percent: total > 0 ? round1((100 * us) / total) : 0 }));
  return { totalMs: round1(total / 1000), idleMs: round1(idle / 1000), top };
}

export function readProfile(file: string): CpuProfile {
  return JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
}

export function formatSummary(s: ProfileSummary): string {
  const lines = [`sampled ${s.totalMs} ms, idle ${s.idleMs} ms`, 'self ms    %  frame'];
  for (const f of s.top) lines.push(`${f.selfMs.toFixed(1).padStart(7)} ${f.percent.toFixed(1).padStart(5)}  ${f.frame}`);
  return lines.join('\n');
}

/** `tsx bench/profile-summary.ts <file.cpuprofile> [top]`: the top self-time frames of a profile. */
function main(argv: string[]): void {
  const [file, top] = argv;
  if (!file) {
    process.stderr.write('usage: tsx bench/profile-summary.ts <file.cpuprofile> [top]\n');
    process.exit(2);
  }
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  process.stdout.write(`${formatSummary(summarizeProfile(readProfile(file), { top: top ? Number(top) : DEFAULT_TOP, root, sourceLine: tsxSourceLines() }))}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
