import { describe, expect, it } from 'vitest';
import { clockMsFormatter, dateTimeFormatter, formatElapsed, sameDayFormatter } from './format';

const utc = { locale: 'en-GB', timeZone: 'UTC' };

describe('clockMsFormatter', () => {
  it.each([
    { t: Date.UTC(2026, 10, 25, 7, 45, 43, 184), out: '07:45:43.184' },
    { t: Date.UTC(2026, 10, 25, 23, 0, 0, 5), out: '23:00:00.005' },
  ])('$out', ({ t, out }) => {
    expect(clockMsFormatter(utc)(t)).toBe(out);
  });
});

describe('dateTimeFormatter', () => {
  it('carries the date', () => {
    expect(dateTimeFormatter(utc)(Date.UTC(2026, 10, 25, 7, 45, 43, 184))).toBe('25 Nov 2026, 07:45:43');
  });
});

describe('formatElapsed', () => {
  it.each([
    { ms: -5, out: '0 ms' },
    { ms: 9.4, out: '9 ms' },
    { ms: 1_338, out: '1.338 s' },
    { ms: 10_000, out: '10 s' },
    { ms: 123_400, out: '2 min 3.4 s' },
    { ms: 180_000, out: '3 min' },
    { ms: 3 * 3_600_000 + 5 * 60_000 + 999, out: '3 h 5 min' },
    { ms: 7_200_000, out: '2 h' },
  ])('$ms -> $out', ({ ms, out }) => {
    expect(formatElapsed(ms)).toBe(out);
  });
});

describe('sameDayFormatter', () => {
  const ref = Date.UTC(2026, 10, 25, 7, 45, 43);
  it.each([
    { name: 'same day: time only', t: Date.UTC(2026, 10, 25, 23, 59, 59), out: '23:59:59' },
    { name: 'next day: with date', t: Date.UTC(2026, 10, 26, 0, 0, 1), out: '26 Nov 2026, 00:00:01' },
  ])('$name', ({ t, out }) => {
    expect(sameDayFormatter(utc)(t, ref)).toBe(out);
  });
});
