import { describe, expect, it } from 'vitest';
import { monitorConfig, PAYMENT_TIMEOUT_MS } from '../../testing/fixtures/order-fulfilment';
import { CLOCK_MIN_SAGAS, CLOCK_WINDOW_MS, ClockCheck, smallestThreshold } from './clock-check';

const T0 = Date.UTC(2026, 0, 1);
const LIMIT = 8_000;

/** Records of `sagas` sagas read at `readAt`, stamped `gapMs` before it. */
function read(c: ClockCheck, readAt: number, gapMs: number, sagas = CLOCK_MIN_SAGAS, tag = 's'): void {
  for (let i = 0; i < sagas; i++) c.observe(`${tag}-${i}`, readAt - gapMs, readAt);
}

describe('ClockCheck: the monitor clock against the records read live', () => {
  it('agrees when the freshest records are read within milliseconds', () => {
    const c = new ClockCheck(LIMIT);
    expect(c.view(T0)).toEqual({ gapMs: null, sagas: 0, limitMs: LIMIT, disagrees: false, judgedBehindMs: 0 });
    read(c, T0, 40);
    // One saga whose records are old says nothing about the clock: the fresher ones set the gap.
    c.observe('old', T0 - 600_000, T0 + 5);
    expect(c.view(T0 + 10)).toMatchObject({ gapMs: 40, disagrees: false, judgedBehindMs: 0 });
    expect(c.judged(T0 + 10)).toBe(T0 + 10);
  });

  it(`judges on the records' clock once every record of ${CLOCK_MIN_SAGAS} sagas is behind by more than the limit`, () => {
    const c = new ClockCheck(LIMIT);
    read(c, T0, 60_000, CLOCK_MIN_SAGAS - 1);
    // Too few sagas: they may be stamped late by their producers, and are judged as stamped.
    expect(c.view(T0)).toMatchObject({ gapMs: 60_000, sagas: CLOCK_MIN_SAGAS - 1, disagrees: false, judgedBehindMs: 0 });
    read(c, T0 + 100, 60_050, 1, 'more');
    expect(c.view(T0 + 100)).toMatchObject({ gapMs: 60_000, sagas: CLOCK_MIN_SAGAS, disagrees: true, judgedBehindMs: 60_000 });
    expect(c.judged(T0 + 200)).toBe(T0 + 200 - 60_000);
  });

  it('a gap within the limit is not corrected', () => {
    const c = new ClockCheck(LIMIT);
    read(c, T0, LIMIT);
    expect(c.view(T0)).toMatchObject({ gapMs: LIMIT, disagrees: false, judgedBehindMs: 0 });
  });

  it('records stamped ahead by more than the limit are reported, not corrected (they only delay stuck)', () => {
    const c = new ClockCheck(LIMIT);
    read(c, T0, 30);
    c.observe('ahead', T0 + 3_600_000, T0 + 1);
    expect(c.view(T0 + 1)).toMatchObject({ gapMs: -3_599_999, disagrees: true, judgedBehindMs: 0 });
  });

  it('slides: a clock set right shows within a window, and a quiet cluster keeps the last figure', () => {
    const c = new ClockCheck(LIMIT);
    read(c, T0, 60_000);
    expect(c.view(T0).judgedBehindMs).toBe(60_000);
    read(c, T0 + CLOCK_WINDOW_MS / 2, 50);
    expect(c.view(T0 + CLOCK_WINDOW_MS / 2).gapMs).toBe(50);
    read(c, T0 + CLOCK_WINDOW_MS, 60_000);
    expect(c.view(T0 + CLOCK_WINDOW_MS).gapMs).toBe(50);
    expect(c.view(T0 + CLOCK_WINDOW_MS * 1.5).judgedBehindMs).toBe(60_000);
    // Nothing read for an hour: the last window's figure stands.
    expect(c.view(T0 + 60 * CLOCK_WINDOW_MS)).toMatchObject({ gapMs: 60_000, disagrees: true });
  });

  it('the limit is the smallest threshold of the config', () => {
    expect(smallestThreshold(monitorConfig.sagas)).toBe(PAYMENT_TIMEOUT_MS);
    expect(smallestThreshold(monitorConfig.sagas.map((t) => ({ ...t, stuckAfterMs: 1_000 })))).toBe(1_000);
  });
});
