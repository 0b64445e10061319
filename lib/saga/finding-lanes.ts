import type { SagaEvent } from './event';

/** A step's own work, or its compensation: each has its starts (commands) and its replies. */
export type Lane = 'step' | 'compensation';

/** A start, reply or manual retry; `pos` is the record's index on the timeline, so all items share one order. */
export interface LaneItem {
  kind: 'start' | 'reply' | 'retry';
  pos: number;
  e: SagaEvent;
}

/** What the timeline says about one step: its two lanes and the manual retries of it. */
export interface StepTrack {
  step: LaneItem[];
  compensation: LaneItem[];
  /** Published manual retries (a failed publish re-sent nothing), in timeline order. */
  retries: LaneItem[];
}

/** Audit entries of a retry whose record reached Kafka; `RetryFailed` ones changed nothing. */
const RETRY_PUBLISHED = 'RetryPublished';

function trackOf(tracks: Map<string, StepTrack>, step: string): StepTrack {
  let t = tracks.get(step);
  if (!t) tracks.set(step, (t = { step: [], compensation: [], retries: [] }));
  return t;
}

/**
 * Splits a timeline into per-step lanes. A record counts for its own effect and for its trigger: in a choreography the
 * event that completes one step is the start of the next, so it appears on two lanes.
 */
export function stepTracks(events: readonly SagaEvent[]): Map<string, StepTrack> {
  const tracks = new Map<string, StepTrack>();
  events.forEach((e, pos) => {
    if (e.step !== null) {
      const t = (): StepTrack => trackOf(tracks, e.step!);
      switch (e.effect) {
        case 'step-started':
          t().step.push({ kind: 'start', pos, e });
          break;
        case 'step-completed':
        case 'step-failed':
          t().step.push({ kind: 'reply', pos, e });
          break;
        case 'compensation-started':
          t().compensation.push({ kind: 'start', pos, e });
          break;
        case 'compensation-completed':
          t().compensation.push({ kind: 'reply', pos, e });
          break;
        case 'retry':
          if (e.eventType === RETRY_PUBLISHED) t().retries.push({ kind: 'retry', pos, e });
          break;
        default:
          break;
      }
    }
    if (e.triggers) {
      const t = trackOf(tracks, e.triggers.step);
      (e.triggers.effect === 'step-started' ? t.step : t.compensation).push({ kind: 'start', pos, e });
    }
  });
  return tracks;
}

/** Index of the first item with a position after `pos` (items are in timeline order). */
export function firstAfter(items: readonly LaneItem[], pos: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items[mid].pos <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const PENDING = 1;
const REPLIED = 2;

/** Slot of a step's lane in the screen's state, or -1 for a step the saga type does not declare. */
function slot(steps: readonly string[], step: string, compensation: boolean): number {
  const i = steps.indexOf(step);
  return i < 0 ? -1 : i * 2 + (compensation ? 1 : 0);
}

/**
 * One cheap pass that rules out every timeline finding for most sagas: true when some lane gets a reply before any
 * start, a second reply to one start, or a start while a start waits for its reply, or when a manual retry is on the
 * timeline. Only then are the lanes built and searched, which costs several times more per record. Read in timeline
 * order: a lane whose starts and replies alternate there is in causal order already.
 */
export function mayHaveTimelineFindings(events: readonly SagaEvent[], steps: readonly string[]): boolean {
  const lanes = new Uint8Array(steps.length * 2);
  for (const e of events) {
    const effect = e.effect;
    if (effect === 'retry') return true;
    if (e.step !== null && effect !== 'start' && effect !== 'complete' && effect !== 'fail' && effect !== 'observed') {
      const at = slot(steps, e.step, effect === 'compensation-started' || effect === 'compensation-completed');
      if (at >= 0) {
        const starts = effect === 'step-started' || effect === 'compensation-started';
        if (starts ? lanes[at] === PENDING : lanes[at] !== PENDING) return true;
        lanes[at] = starts ? PENDING : REPLIED;
      }
    }
    if (e.triggers) {
      const at = slot(steps, e.triggers.step, e.triggers.effect === 'compensation-started');
      if (at >= 0) {
        if (lanes[at] === PENDING) return true;
        lanes[at] = PENDING;
      }
    }
  }
  return false;
}
