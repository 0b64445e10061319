import type { SagaEvent } from './event';

/**
 * How far before the command it answers a reply may be stamped and still answer it: producers' clocks disagree by
 * tens of milliseconds to seconds. Well below every step timeout, so a reply read this much early is never a late one.
 */
export const MAX_CLOCK_SKEW_MS = 2_000;

/** A step's own work or its compensation, as `step/lane`: each has starts and replies of its own. */
type Lane = string;

/** The lane a record replies on, through its own effect (a trigger only ever starts something). */
export function replyLane(e: SagaEvent): Lane | null {
  if (e.step === null) return null;
  if (e.effect === 'step-completed' || e.effect === 'step-failed') return `${e.step}/step`;
  if (e.effect === 'compensation-completed') return `${e.step}/compensation`;
  return null;
}

/** The lanes a record starts: through its own effect and through its trigger. */
function startLanes(e: SagaEvent): Lane[] {
  const out: Lane[] = [];
  if (e.step !== null && e.effect === 'step-started') out.push(`${e.step}/step`);
  if (e.step !== null && e.effect === 'compensation-started') out.push(`${e.step}/compensation`);
  if (e.triggers) out.push(`${e.triggers.step}/${e.triggers.effect === 'step-started' ? 'step' : 'compensation'}`);
  return out;
}

export function startsLane(e: SagaEvent, lane: Lane): boolean {
  return startLanes(e).includes(lane);
}

/**
 * The start each reply answers, by index, read lane by lane in timeline order: the attempt open before it (the latest
 * start without a reply), else the next start stamped at most MAX_CLOCK_SKEW_MS after it. A reply with neither
 * answers nothing (a late reply, or one without a request) and has no entry.
 */
function answers(events: readonly SagaEvent[]): Map<number, number> {
  const open = new Map<Lane, number>();
  const waiting = new Map<Lane, number[]>();
  const answered = new Map<number, number>();
  const chainReaches = (from: number, target: number) => {
    for (let at: number | undefined = from; at !== undefined; at = answered.get(at)) if (at === target) return true;
    return false;
  };
  events.forEach((e, i) => {
    const lane = replyLane(e);
    if (lane !== null) {
      const start = open.get(lane);
      if (start !== undefined) {
        answered.set(i, start);
        open.delete(lane);
      } else {
        const w = waiting.get(lane);
        if (w) w.push(i);
        else waiting.set(lane, [i]);
      }
    }
    for (const l of startLanes(e)) {
      let taken = false;
      for (const r of waiting.get(l) ?? []) {
        // A record answering a start it carries itself, or one its own chain depends on, would never be placed.
        if (e.timestamp - events[r].timestamp > MAX_CLOCK_SKEW_MS || chainReaches(i, r)) continue;
        answered.set(r, i);
        taken = true;
      }
      waiting.delete(l);
      if (taken) open.delete(l);
      else open.set(l, i);
    }
  });
  return answered;
}

/**
 * The order a saga's records are folded in: timeline order (timestamp, then causes before consequences), except that a
 * reply goes after the start it answers, right behind it, when that start is placed later than the reply's own time.
 * Returns `events` itself when nothing moves, which is every saga whose replies follow their commands.
 */
export function causalOrder(events: readonly SagaEvent[]): readonly SagaEvent[] {
  const answered = answers(events);
  const held = new Map<number, number[]>();
  const placed = new Uint8Array(events.length);
  const out: SagaEvent[] = [];
  let moved = false;
  const place = (i: number) => {
    placed[i] = 1;
    out.push(events[i]);
    const behind = held.get(i);
    if (behind) for (const j of behind) place(j);
  };
  for (let i = 0; i < events.length; i++) {
    const start = answered.get(i);
    if (start === undefined || placed[start]) {
      place(i);
      continue;
    }
    moved = true;
    const behind = held.get(start);
    if (behind) behind.push(i);
    else held.set(start, [i]);
  }
  return moved ? out : events;
}

/**
 * Whether appending `e` (no earlier in the timeline than any record) can move a reply already there: only a start can,
 * when a reply of its lane lies within MAX_CLOCK_SKEW_MS before it; then the timeline is replayed.
 */
export function mayReorder(events: readonly SagaEvent[], e: SagaEvent): boolean {
  const lanes = startLanes(e);
  if (lanes.length === 0) return false;
  for (let i = events.length - 1; i >= 0 && e.timestamp - events[i].timestamp <= MAX_CLOCK_SKEW_MS; i--) {
    const lane = replyLane(events[i]);
    if (lane !== null && lanes.includes(lane)) return true;
  }
  return false;
}
