import { RETRY_HEADERS } from '../retry/retry-wire';
import type { Finding } from '../wire/rest';
import { firstAfter, type Lane, type LaneItem, type StepTrack } from './finding-lanes';
import { evidenceOf, nameOf } from './finding-text';

/** What a lane's work is called in a message. */
const WORK: Record<Lane, (step: string) => string> = {
  step: (step) => `step ${step}`,
  compensation: (step) => `the compensation of step ${step}`,
};
const capital = (s: string) => s[0].toUpperCase() + s.slice(1);

/** A record the monitor re-sent says so in a header, whether or not its audit entry has been read yet. */
const isResent = (it: LaneItem) => it.e.headers[RETRY_HEADERS.id] !== undefined;

/**
 * The lane a retry is about: the one the step last started on before it (a retry re-sends what the saga waits for:
 * the step's command, or its compensation's once that has begun).
 */
function laneOf(t: StepTrack, retry: LaneItem): Lane {
  const lastStart = (items: readonly LaneItem[]) => {
    for (let i = firstAfter(items, retry.pos) - 1; i >= 0; i--) if (items[i].kind === 'start') return items[i].pos;
    return -1;
  };
  return lastStart(t.compensation) > lastStart(t.step) ? 'compensation' : 'step';
}

/**
 * Pairs each retry with the start it caused. The audit entry is written after the retried record is published (so a
 * re-sent record, marked by its header, comes just before its retry), while an orchestrator asked by command re-sends
 * after reading the retry (so its start comes after). An unmarked start just before the retry, with nothing else on
 * the lane in between, is taken when no start follows: an orchestrator that answered before the audit entry was written.
 */
function pairRetries(items: readonly LaneItem[], retries: readonly LaneItem[]): Map<LaneItem, LaneItem> {
  const starts = items.filter((it) => it.kind === 'start');
  const paired = new Set<LaneItem>();
  const startOf = new Map<LaneItem, LaneItem>();
  for (const r of retries) {
    const k = firstAfter(starts, r.pos);
    const before = starts[k - 1];
    const after = starts[k];
    const free = (s: LaneItem | undefined): s is LaneItem => s !== undefined && !paired.has(s);
    const adjacent = (s: LaneItem) => (items[firstAfter(items, s.pos)]?.pos ?? Number.POSITIVE_INFINITY) > r.pos;
    const start = free(before) && isResent(before) ? before : free(after) ? after : free(before) && adjacent(before) ? before : null;
    if (start) {
      paired.add(start);
      startOf.set(r, start);
    }
  }
  return startOf;
}

/** A start sent again while the previous one had no reply, without a manual retry asking for it. */
function duplicates(step: string, lane: Lane, items: readonly LaneItem[], retried: ReadonlySet<LaneItem>, out: Finding[]): void {
  let pending: LaneItem | null = null;
  for (const it of items) {
    if (it.kind === 'reply') {
      pending = null;
      continue;
    }
    if (pending && !retried.has(it) && !isResent(it)) {
      out.push({
        kind: 'duplicate-command',
        step,
        at: it.e.timestamp,
        message: `${capital(WORK[lane](step))} was started again by ${nameOf(it.e)} while the attempt started by ${nameOf(pending.e)} had no reply, and no manual retry asked for it.`,
        evidence: evidenceOf([pending.e, it.e]),
      });
    }
    pending = it;
  }
}

/**
 * After a manual retry: a reply between the retry and the re-sent start (the original answered late, so the step may
 * run twice), or two replies once both were out (the late original's and the retry's). The window ends at the lane's
 * next start or the next retry.
 */
function races(step: string, lane: Lane, items: readonly LaneItem[], retries: readonly LaneItem[], startOf: ReadonlyMap<LaneItem, LaneItem>, out: Finding[]): void {
  retries.forEach((retry, i) => {
    const resent = startOf.get(retry);
    // No re-sent start on the timeline (yet): whatever replied answered the original only.
    if (!resent) return;
    const end = retries[i + 1]?.pos ?? Number.POSITIVE_INFINITY;
    const replies: LaneItem[] = [];
    for (let j = firstAfter(items, Math.min(retry.pos, resent.pos)); j < items.length && items[j].pos < end && replies.length < 2; j++) {
      const it = items[j];
      if (it === resent) continue;
      if (it.kind === 'start') break;
      replies.push(it);
    }
    const work = WORK[lane](step);
    const early = replies.find((x) => x.pos > retry.pos && x.pos < resent.pos);
    if (early) {
      out.push({
        kind: 'retry-raced-reply',
        step,
        at: early.e.timestamp,
        message: `${nameOf(early.e)} answered ${work} after the manual retry ${nameOf(retry.e)} but before the re-sent ${nameOf(resent.e)}, so ${work} may run twice.`,
        evidence: evidenceOf([retry.e, early.e, resent.e]),
      });
    } else if (replies.length === 2) {
      const second = replies[1];
      out.push({
        kind: 'retry-raced-reply',
        step,
        at: second.e.timestamp,
        message: `${capital(work)} got a second reply, ${nameOf(second.e)}, after the manual retry ${nameOf(retry.e)}: the late original and the re-sent command were both answered.`,
        evidence: evidenceOf([retry.e, resent.e, replies[0].e, second.e]),
      });
    }
  });
}

/** Duplicate commands and retry races of one step, on both of its lanes. */
export function commandFindings(step: string, t: StepTrack, out: Finding[]): void {
  for (const lane of ['step', 'compensation'] as const) {
    const items = t[lane];
    const retries = t.retries.filter((r) => laneOf(t, r) === lane);
    const startOf = pairRetries(items, retries);
    duplicates(step, lane, items, new Set(startOf.values()), out);
    races(step, lane, items, retries, startOf, out);
  }
}
