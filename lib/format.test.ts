import { describe, expect, it } from 'vitest';
import { clockFormatter, clockMsFormatter, dateTimeFormatter, formatAge, formatCount, formatDuration, formatElapsed, formatRate, formatRecords, sameDayFormatter } from './format';

describe('formatDuration', () => {
  it.each([
    { ms: null, out: '—' },
    { ms: Number.NaN, out: '—' },
    { ms: 0, out: '0 ms' },
    { ms: 849.6, out: '850 ms' },
    { ms: 1000, out: '1 s' },
    { ms: 1_240, out: '1.2 s' },
    { ms: 9_960, out: '10 s' },
    { ms: 12_400, out: '12 s' },
    { ms: 185_000, out: '3 min 5 s' },
    { ms: 7_500_000, out: '2 h 5 min' },
  ])('$ms -> $out', ({ ms, out }) => {
    expect(formatDuration(ms)).toBe(out);
  });
});

describe('formatAge', () => {
  it.each([
    { ms: -500, out: '0 s' },
    { ms: 999, out: '0 s' },
    { ms: 12_999, out: '12 s' },
    { ms: 59_999, out: '59 s' },
    { ms: 60_000, out: '1 min' },
    { ms: 192_000, out: '3 min 12 s' },
    { ms: 3_600_000, out: '1 h' },
    { ms: 3_660_000, out: '1 h 1 min' },
  ])('$ms -> $out', ({ ms, out }) => {
    expect(formatAge(ms)).toBe(out);
  });
});

describe('numbers', () => {
  it.each([
    { f: formatCount, n: 12_345.4, out: '12,345' },
    { f: formatRate, n: 2.46, out: '2.5' },
    { f: formatRate, n: 240.4, out: '240' },
    { f: formatRate, n: 0, out: '0' },
  ])('$f.name($n) -> $out', ({ f, n, out }) => {
    expect(f(n, 'en-US')).toBe(out);
  });
});

describe('clockFormatter', () => {
  // 2026-05-01T13:04:05Z
  const t = Date.UTC(2026, 4, 1, 13, 4, 5);
  it.each([
    { timeZone: 'UTC', seconds: false, out: '13:04' },
    { timeZone: 'UTC', seconds: true, out: '13:04:05' },
    { timeZone: 'America/New_York', seconds: false, out: '09:04' },
    { timeZone: 'Asia/Kolkata', seconds: true, out: '18:34:05' },
  ])('$timeZone seconds=$seconds -> $out', ({ timeZone, seconds, out }) => {
    expect(clockFormatter({ locale: 'en-GB', timeZone, seconds })(t)).toBe(out);
  });

  it('defaults to the process zone (TZ=UTC in tests)', () => {
    expect(clockFormatter({ locale: 'en-GB' })(t)).toBe('13:04');
  });
});

describe('formatRecords', () => {
  it.each([
    { n: 0, out: '0 records' },
    { n: 1, out: '1 record' },
    { n: 1204, out: '1,204 records' },
  ])('$n -> $out', ({ n, out }) => expect(formatRecords(n, 'en-GB')).toBe(out));
});

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
