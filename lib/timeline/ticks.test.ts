import { describe, expect, it } from 'vitest';
import { chooseTickStep, formatTick, relativeTicks } from './ticks';

describe('chooseTickStep', () => {
  it.each([
    { name: '50 ms saga', span: 50, max: 8, step: 10 },
    { name: '1.3 s saga', span: 1_338, max: 10, step: 200 },
    { name: '10 s stuck saga', span: 10_000, max: 10, step: 1_000 },
    { name: '90 s', span: 90_000, max: 8, step: 15_000 },
    { name: '45 min', span: 45 * 60_000, max: 10, step: 5 * 60_000 },
    { name: '5 h', span: 5 * 3_600_000, max: 10, step: 30 * 60_000 },
    { name: '5 h, narrow', span: 5 * 3_600_000, max: 4, step: 2 * 3_600_000 },
    { name: '3 days', span: 3 * 86_400_000, max: 4, step: 86_400_000 },
    { name: 'beyond the table: whole weeks', span: 100 * 86_400_000, max: 5, step: 3 * 7 * 86_400_000 },
    { name: 'no room: one interval', span: 2_000, max: 0.4, step: 2_000 },
    { name: 'zero span', span: 0, max: 10, step: 1 },
  ])('$name', ({ span, max, step }) => {
    expect(chooseTickStep(span, max)).toBe(step);
  });
});

describe('relativeTicks', () => {
  it.each([
    { span: 50, step: 10, out: [0, 10, 20, 30, 40, 50] },
    { span: 1_338, step: 500, out: [0, 500, 1_000] },
    { span: 5, step: 10, out: [0] },
    { span: 0.3, step: 0.1, out: [0, 0.1, 0.2] },
  ])('$span by $step', ({ span, step, out }) => {
    expect(relativeTicks(span, step)).toEqual(out);
  });
});

describe('formatTick', () => {
  it.each([
    { ms: 0, step: 10, out: '0' },
    { ms: 40, step: 10, out: '40 ms' },
    { ms: 1_500, step: 500, out: '1.5 s' },
    { ms: 1_000, step: 200, out: '1 s' },
    { ms: 1_250, step: 50, out: '1.25 s' },
    { ms: 15_000, step: 5_000, out: '15 s' },
    { ms: 90_000, step: 15_000, out: '1 min 30 s' },
    { ms: 120_000, step: 30_000, out: '2 min' },
    { ms: 30 * 60_000, step: 5 * 60_000, out: '30 min' },
    { ms: 90 * 60_000, step: 30 * 60_000, out: '1 h 30 min' },
    { ms: 3 * 3_600_000, step: 3_600_000, out: '3 h' },
    { ms: 36 * 3_600_000, step: 12 * 3_600_000, out: '1 d 12 h' },
  ])('$ms with step $step -> $out', ({ ms, step, out }) => {
    expect(formatTick(ms, step)).toBe(out);
  });
});
