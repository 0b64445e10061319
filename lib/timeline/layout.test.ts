import { describe, expect, it } from 'vitest';
import { compensatedOrder, stuckCompensation, stuckTrip, T0 } from '../../testing/fixtures/timeline';
import { AXIS_HEIGHT, EDGE_PAD, LABEL_WIDTH, MIN_BAR_PX, MIN_TICK_GAP_PX, ROW_HEIGHT, timeDomain, timelineLayout } from './layout';

const WIDTH = 1000;
const LEFT = LABEL_WIDTH + EDGE_PAD;
const RIGHT = WIDTH - EDGE_PAD;
const px = (ms: number, span: number) => LEFT + (ms / span) * (RIGHT - LEFT);

describe('timeDomain', () => {
  it.each([
    { name: 'finished saga: start to end', saga: compensatedOrder, now: T0 + 99_999, out: [T0, T0 + 1_338] },
    { name: 'running saga: start to now', saga: stuckTrip, now: T0 + 20_000, out: [T0, T0 + 20_000] },
    { name: 'clock behind the last event: the event wins', saga: stuckTrip, now: T0 + 100, out: [T0, T0 + 855] },
    {
      name: 'one instant event: padded to a readable span',
      saga: { ...compensatedOrder, endedAt: T0, steps: [], events: compensatedOrder.events.slice(0, 1) },
      now: T0 + 5_000,
      out: [T0, T0 + 10],
    },
    {
      name: 'an event older than the start record extends the domain',
      saga: { ...compensatedOrder, events: [{ ...compensatedOrder.events[1], timestamp: T0 - 50 }] },
      now: T0,
      out: [T0 - 50, T0 + 1_338],
    },
  ])('$name', ({ saga, now, out }) => {
    expect(timeDomain(saga, now)).toEqual(out);
  });
});

describe('timelineLayout of a compensated saga', () => {
  const l = timelineLayout(compensatedOrder, T0 + 60_000, WIDTH);

  it('has a saga lane and one row per step', () => {
    expect(l.rows.map((r) => [r.label, r.kind, r.status, r.y])).toEqual([
      ['saga', 'saga', 'compensated', AXIS_HEIGHT],
      ['payment', 'step', 'compensated', AXIS_HEIGHT + ROW_HEIGHT],
      ['inventory', 'step', 'compensated', AXIS_HEIGHT + 2 * ROW_HEIGHT],
      ['shipping', 'step', 'failed', AXIS_HEIGHT + 3 * ROW_HEIGHT],
    ]);
    expect(l.height).toBe(AXIS_HEIGHT + 4 * ROW_HEIGHT + EDGE_PAD);
    expect(l.nowX).toBeNull();
  });

  it.each([
    { row: 1, bar: 'bar' as const, from: 9, to: 176 },
    { row: 1, bar: 'compensation' as const, from: 1_035, to: 1_338 },
    { row: 2, bar: 'compensation' as const, from: 696, to: 1_028 },
    { row: 3, bar: 'bar' as const, from: 495, to: 678 },
  ])('row $row $bar spans +$from..+$to ms', ({ row, bar, from, to }) => {
    const b = l.rows[row][bar]!;
    expect(b.x).toBeCloseTo(px(from, 1_338));
    expect(b.x + b.width).toBeCloseTo(px(to, 1_338));
    expect(b.open).toBe(false);
    expect(b.stuckX).toBeNull();
  });

  it('draws no compensation for a step that was never compensated', () => {
    expect(l.rows[3].compensation).toBeNull();
  });

  it.each([
    { i: 0, row: 0, line: 'saga' },
    { i: 1, row: 1, line: 'step' },
    { i: 5, row: 3, line: 'step' },
    { i: 7, row: 1, line: 'compensation' },
  ])('event $i sits on row $row, $line line', ({ i, row, line }) => {
    const m = l.markers[i];
    const y = l.rows[row].y;
    const expected = { saga: y + 20, step: y + 14, compensation: y + 28.5 }[line];
    expect(m.y).toBe(expected);
    expect(m.x).toBeCloseTo(px(compensatedOrder.events[i].timestamp - T0, 1_338));
  });

  it('names event type, topic and effect in each marker title', () => {
    expect(l.markers[2].title).toBe('PaymentAuthorized on payment.events [2] @1027: step-completed (payment), +176 ms');
  });

  it('labels the axis from the saga start', () => {
    expect(l.ticks.map((t) => t.label)).toEqual(['0', '200 ms', '400 ms', '600 ms', '800 ms', '1 s', '1.2 s']);
    expect(l.ticks[0].x).toBe(LEFT);
  });
});

describe('timelineLayout of stuck sagas', () => {
  it('runs the waiting step to now and marks where it became stuck', () => {
    const l = timelineLayout(stuckTrip, T0 + 20_000, WIDTH);
    const car = l.rows[3];
    expect(car.waiting).toBe(true);
    expect(l.rows.filter((r) => r.waiting)).toHaveLength(1);
    expect(car.bar!.open).toBe(true);
    expect(car.bar!.x + car.bar!.width).toBeCloseTo(RIGHT);
    expect(car.bar!.stuckX).toBeCloseTo(px(8_855, 20_000));
    expect(l.nowX).toBeCloseTo(RIGHT);
  });

  it('highlights the compensation bar when the compensation is what waits', () => {
    const l = timelineLayout(stuckCompensation, T0 + 10_000, WIDTH);
    const payment = l.rows[1];
    expect(payment.waiting).toBe(true);
    expect(payment.bar!.stuckX).toBeNull();
    expect(payment.compensation!.open).toBe(true);
    expect(payment.compensation!.stuckX).toBeCloseTo(px(9_035, 10_000));
  });

  it('puts the wait on the saga lane when no step is named', () => {
    const saga = { ...stuckTrip, stuck: { ...stuckTrip.stuck!, step: null, phase: null } };
    const l = timelineLayout(saga, T0 + 20_000, WIDTH);
    expect(l.rows.map((r) => r.waiting)).toEqual([true, false, false, false]);
    expect(l.rows[0].bar!.stuckX).toBeCloseTo(px(8_855, 20_000));
  });
});

describe('timelineLayout geometry limits', () => {
  it('keeps an instant step visible', () => {
    const saga = { ...compensatedOrder, steps: [{ ...compensatedOrder.steps[0], startedAt: T0 + 500, endedAt: T0 + 500 }] };
    expect(timelineLayout(saga, T0, WIDTH).rows[1].bar!.width).toBe(MIN_BAR_PX);
  });

  it('draws no bar for a pending step', () => {
    const saga = { ...stuckTrip, steps: [{ ...stuckTrip.steps[2], status: 'pending' as const, startedAt: null }] };
    expect(timelineLayout(saga, T0 + 1_000, WIDTH).rows[1].bar).toBeNull();
  });

  it('ends a step left running by a finished saga at the saga end, closed', () => {
    const saga = { ...stuckTrip, status: 'failed' as const, endedAt: T0 + 2_000, stuck: null };
    const car = timelineLayout(saga, T0 + 50_000, WIDTH).rows[3].bar!;
    expect(car.open).toBe(false);
    expect(car.x + car.width).toBeCloseTo(RIGHT);
  });

  it.each([
    { span: 50, width: 400 },
    { span: 50, width: 1_600 },
    { span: 1_338, width: 700 },
    { span: 90_000, width: 1_000 },
    { span: 3 * 3_600_000 + 17_000, width: 1_000 },
    { span: 26 * 3_600_000, width: 500 },
  ])('ticks for $span ms at $width px stay apart and inside the plot', ({ span, width }) => {
    const saga = { ...compensatedOrder, endedAt: T0 + span, steps: [], events: [] };
    const { ticks } = timelineLayout(saga, T0 + span, width);
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < ticks.length; i++) expect(ticks[i].x - ticks[i - 1].x).toBeGreaterThanOrEqual(MIN_TICK_GAP_PX - 1e-9);
    expect(ticks[ticks.length - 1].x).toBeLessThanOrEqual(width - EDGE_PAD + 1e-9);
  });
});
