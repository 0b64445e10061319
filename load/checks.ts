import type { LatencyFigures, RssFigures } from './figures';
import type { ClientFigures, SlowOutcome } from './ipc';

/** The bound for every API route under load. */
export const API_P99_LIMIT_MS = 200;
/**
 * The last third's mean RSS may exceed the middle third's by this share (garbage collection moves RSS by tens of MB)
 * plus what the sagas added in between may take by the memory budget below. A leak, or a queue per client, at this
 * load grows by hundreds of MB a minute and shows well past it.
 */
export const RSS_THIRDS_TOLERANCE = 0.15;
/** The store grows with every saga (finished ones keep a summary): the memory benchmark's budget, 1 GiB per 200,000. */
export const STORE_BYTES_PER_SAGA = 2 ** 30 / 200_000;
/** A dashboard is live if no second passes without news: batches every 100 ms, stats and health every second. */
export const MAX_SILENCE_MS = 2_000;
/**
 * What the server may hold for a client that does not read, as a share of what that client missed: a server queueing
 * every update would hold all of it; one that stops at MAX_PENDING_PACKETS holds a few batches.
 */
export const SLOW_HELD_SHARE_LIMIT = 0.25;
/** The load counts only if the producer kept to its rate. */
export const MIN_RATE_SHARE = 0.95;

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/** A stall of the dashboards' own process: how long, and when it ended in s after the window's start. */
export interface DashboardStall {
  ms: number;
  endedAtS: number;
}

export interface CheckInput {
  api: Record<string, LatencyFigures>;
  rss: RssFigures;
  clients: ClientFigures[];
  dashboardStalls: DashboardStall[];
  slow: SlowOutcome | null;
  produced: number;
  expected: number;
  drainedMs: number | null;
}

/** The longest stall of the dashboards' own process inside a client's longest silence, said in the check's detail. */
function ownStall(stalls: DashboardStall[], c: { maxGapMs: number; maxGapEndMs: number }): string {
  const end = c.maxGapEndMs / 1000;
  const start = end - c.maxGapMs / 1000;
  const inside = stalls.filter((s) => s.endedAtS >= start && s.endedAtS - s.ms / 1000 <= end);
  if (inside.length === 0) return '';
  return ` (the dashboards' own process stalled ${Math.max(...inside.map((s) => s.ms))} ms in it)`;
}

export function evaluate(i: CheckInput): Check[] {
  const checks: Check[] = [];
  for (const [route, f] of Object.entries(i.api)) {
    checks.push({ name: `API p99 < ${API_P99_LIMIT_MS} ms: ${route}`, ok: f.requests > 0 && f.p99 < API_P99_LIMIT_MS, detail: `p99 ${f.p99} ms over ${f.requests} requests` });
    checks.push({ name: `API answers 200: ${route}`, ok: f.errors === 0, detail: `${f.errors} errors` });
  }
  checks.push({
    name: 'load reached',
    ok: i.produced >= MIN_RATE_SHARE * i.expected,
    detail: `${i.produced} of ${i.expected} records produced`,
  });
  checks.push({ name: 'monitor kept up', ok: i.drainedMs !== null, detail: i.drainedMs === null ? 'records still unapplied at the deadline' : `every record applied ${i.drainedMs} ms after the last was produced` });
  const storeMB = (Math.max(0, i.rss.lastThirdMeanSagas - i.rss.middleThirdMeanSagas) * STORE_BYTES_PER_SAGA) / 2 ** 20;
  const limit = i.rss.middleThirdMeanMB * (1 + RSS_THIRDS_TOLERANCE) + storeMB;
  checks.push({
    name: `RSS bounded (last third <= middle third + ${RSS_THIRDS_TOLERANCE * 100}% + ${Math.round(STORE_BYTES_PER_SAGA)} B per saga added)`,
    ok: i.rss.lastThirdMeanMB <= limit,
    detail: `middle ${i.rss.middleThirdMeanMB} MB, last ${i.rss.lastThirdMeanMB} MB, limit ${Math.round(limit)} MB (${i.rss.lastThirdMeanSagas - i.rss.middleThirdMeanSagas} sagas added)`,
  });
  const silent = i.clients.filter((c) => c.maxGapMs > MAX_SILENCE_MS || c.batches === 0);
  const longest = i.clients.reduce((a, c) => (c.maxGapMs > a.maxGapMs ? c : a), i.clients[0] ?? { maxGapMs: 0, maxGapEndMs: 0 });
  checks.push({
    name: `every client kept receiving (no silence over ${MAX_SILENCE_MS} ms)`,
    ok: silent.length === 0,
    detail: `${silent.length} of ${i.clients.length} clients fell silent; longest silence ${longest.maxGapMs} ms, ending ${(longest.maxGapEndMs / 1000).toFixed(1)} s into the run${ownStall(i.dashboardStalls, longest)}`,
  });
  const broken = i.clients.filter((c) => c.disconnects > 0 || c.invalid > 0);
  checks.push({ name: 'no client disconnected or got an invalid message', ok: broken.length === 0, detail: `${broken.length} clients` });
  const s = i.slow;
  checks.push({
    name: 'slow client coalesced or dropped, then told to refetch',
    ok: s !== null && (s.outcome === 'resync' || s.outcome === 'dropped') && s.batchesAfterOutcome > 0,
    detail: s ? `${s.outcome} ${s.msToOutcome} ms after resuming; ${s.batchesAfterOutcome} batches after` : 'no slow client',
  });
  checks.push({
    name: `slow client did not grow server memory (held <= ${SLOW_HELD_SHARE_LIMIT * 100}% of what it missed)`,
    ok: s !== null && s.serverHeldBytes <= SLOW_HELD_SHARE_LIMIT * s.unboundedBytes,
    detail: s ? `server held ${s.serverHeldBytes} B of ${s.unboundedBytes} B missed (kernel held ${s.kernelBytes} B)` : 'no slow client',
  });
  return checks;
}
