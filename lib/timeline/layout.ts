import type { EventView, SagaDetail, StepView } from '../wire/rest';
import { formatElapsed } from '../format';
import { linearScale } from './scale';
import { chooseTickStep, formatTick, relativeTicks } from './ticks';

/** Room for a step name such as "inventory" beside its bars. */
export const LABEL_WIDTH = 110;
/** A step bar, its compensation bar below it, and air between rows. */
export const ROW_HEIGHT = 40;
/** Tick labels above the rows. */
export const AXIS_HEIGHT = 24;
/** Keeps markers at both ends of the plot whole (radius plus stroke). */
export const EDGE_PAD = 8;
/** Narrower bars would vanish: a step of a few ms in a saga of hours is still visible. */
export const MIN_BAR_PX = 3;
/** Keeps axis labels such as "1 min 30 s" from touching. */
export const MIN_TICK_GAP_PX = 90;
/** A finished saga of one event still gets a readable axis. */
export const MIN_SPAN_MS = 10;

const STEP_BAR = { dy: 7, height: 14 };
const COMP_BAR = { dy: 24, height: 9 };
const SAGA_BAR = { dy: 16, height: 8 };

export type TimelineInput = Pick<SagaDetail, 'startedAt' | 'endedAt' | 'status' | 'steps' | 'events' | 'stuck'>;

export interface Bar {
  x: number;
  width: number;
  y: number;
  height: number;
  /** Not ended yet: the bar runs to now. */
  open: boolean;
  /** Where waiting became stuck, when this bar is the one the saga waits on. */
  stuckX: number | null;
}

export interface Row {
  key: string;
  label: string;
  kind: 'saga' | 'step';
  status: string;
  y: number;
  bar: Bar | null;
  compensation: Bar | null;
  /** The saga is stuck waiting on this row. */
  waiting: boolean;
}

export interface Marker {
  key: string;
  x: number;
  y: number;
  effect: EventView['effect'];
  title: string;
}

export interface TimelineLayout {
  width: number;
  height: number;
  t0: number;
  t1: number;
  plotLeft: number;
  plotRight: number;
  ticks: { x: number; label: string }[];
  rows: Row[];
  markers: Marker[];
  /** The "now" line while the saga runs. */
  nowX: number | null;
}

/** Earliest and latest time anything on the timeline touches; a running saga extends to now. */
export function timeDomain(input: TimelineInput, now: number): [number, number] {
  const times: number[] = [input.startedAt, input.endedAt ?? now];
  for (const e of input.events) times.push(e.timestamp);
  for (const s of input.steps) {
    for (const t of [s.startedAt, s.endedAt, s.compensationStartedAt, s.compensationEndedAt]) if (t !== null) times.push(t);
  }
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  return [t0, Math.max(t1, t0 + MIN_SPAN_MS)];
}

function bar(
  x: (t: number) => number,
  start: number | null,
  end: number | null,
  fallbackEnd: number,
  y: number,
  shape: { dy: number; height: number },
  open: boolean,
  stuckSince: number | null,
): Bar | null {
  if (start === null) return null;
  const x0 = x(start);
  const x1 = x(end ?? fallbackEnd);
  const width = Math.max(MIN_BAR_PX, x1 - x0);
  const stuckX = stuckSince === null ? null : Math.min(Math.max(x(stuckSince), x0), x0 + width);
  return { x: x0, width, y: y + shape.dy, height: shape.height, open: end === null && open, stuckX };
}

function markerY(row: Row): number {
  return row.y + (row.kind === 'saga' ? SAGA_BAR.dy + SAGA_BAR.height / 2 : STEP_BAR.dy + STEP_BAR.height / 2);
}

function markerTitle(e: EventView, t0: number): string {
  const step = e.step === null ? '' : ` (${e.step})`;
  return `${e.eventType ?? 'record'} on ${e.topic} [${e.partition}] @${e.offset}: ${e.effect}${step}, +${formatElapsed(e.timestamp - t0)}`;
}

/** Pixel geometry of the Gantt timeline: one saga lane, one row per step, event markers, axis ticks. */
export function timelineLayout(input: TimelineInput, now: number, width: number): TimelineLayout {
  const [t0, t1] = timeDomain(input, now);
  const plotLeft = LABEL_WIDTH + EDGE_PAD;
  const plotRight = Math.max(plotLeft + 1, width - EDGE_PAD);
  const x = linearScale(t0, t1, plotLeft, plotRight);
  const running = input.endedAt === null;
  const end = input.endedAt ?? Math.max(now, t1);
  const stuck = input.stuck;
  const stuckStep = stuck && input.steps.some((s) => s.name === stuck.step) ? stuck.step : null;

  const sagaRow: Row = {
    key: 'saga',
    label: 'saga',
    kind: 'saga',
    status: input.status,
    y: AXIS_HEIGHT,
    bar: null,
    compensation: null,
    waiting: stuck !== null && stuckStep === null,
  };
  sagaRow.bar = bar(x, input.startedAt, input.endedAt, end, sagaRow.y, SAGA_BAR, running, sagaRow.waiting ? stuck!.since : null);

  const stepRow = (s: StepView, i: number): Row => {
    const y = AXIS_HEIGHT + (i + 1) * ROW_HEIGHT;
    const waiting = stuckStep === s.name;
    const onComp = waiting && stuck!.phase === 'compensation';
    return {
      key: `step-${s.name}`,
      label: s.name,
      kind: 'step',
      status: s.status,
      y,
      bar: bar(x, s.startedAt, s.endedAt, end, y, STEP_BAR, running, waiting && !onComp ? stuck!.since : null),
      compensation: bar(x, s.compensationStartedAt, s.compensationEndedAt, end, y, COMP_BAR, running, onComp ? stuck!.since : null),
      waiting,
    };
  };
  const rows = [sagaRow, ...input.steps.map(stepRow)];

  const rowOf = new Map(rows.filter((r) => r.kind === 'step').map((r) => [r.label, r]));
  const markers = input.events.map((e): Marker => {
    const row = (e.step !== null && rowOf.get(e.step)) || sagaRow;
    const onComp = row.kind === 'step' && e.effect.startsWith('compensation');
    return {
      key: `${e.topic}/${e.partition}/${e.offset}`,
      x: x(e.timestamp),
      y: onComp ? row.y + COMP_BAR.dy + COMP_BAR.height / 2 : markerY(row),
      effect: e.effect,
      title: markerTitle(e, t0),
    };
  });

  const step = chooseTickStep(t1 - t0, (plotRight - plotLeft) / MIN_TICK_GAP_PX);
  const ticks = relativeTicks(t1 - t0, step).map((ms) => ({ x: x(t0 + ms), label: formatTick(ms, step) }));

  return {
    width,
    height: AXIS_HEIGHT + rows.length * ROW_HEIGHT + EDGE_PAD,
    t0,
    t1,
    plotLeft,
    plotRight,
    ticks,
    rows,
    markers,
    nowX: running ? x(Math.max(now, t0)) : null,
  };
}
