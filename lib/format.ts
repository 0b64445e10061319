/**
 * Every display format of durations, times and counts, used by the pages and by the server's sentences alike.
 * `locale`/`timeZone` default to the user's; tests pin them.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** A saga duration: milliseconds while short, then seconds, minutes, hours. */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  if (ms < SECOND) return `${Math.round(ms)} ms`;
  if (ms < 10 * SECOND) return `${(Math.round(ms / 100) / 10).toString()} s`;
  return formatAge(ms);
}

/** Elapsed time in whole units, e.g. "12 s", "3 min 4 s", "2 h 5 min"; negative (clock skew) reads as 0 s. */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / SECOND));
  if (s < 60) return `${s} s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h === 0) return s % 60 === 0 ? `${m} min` : `${m} min ${s % 60} s`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

export function formatCount(n: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(n);
}

/** Rates keep one decimal below 10 so a slow system does not read as 0. */
export function formatRate(n: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: n < 10 ? 1 : 0 }).format(n);
}

export interface ClockOptions {
  locale?: string;
  timeZone?: string;
  seconds?: boolean;
}

/** Wall-clock time of an epoch ms in the user's zone; one Intl formatter per call site, not per tick. */
export function clockFormatter({ locale, timeZone, seconds = false }: ClockOptions = {}): (t: number) => string {
  const f = new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    second: seconds ? '2-digit' : undefined,
    hourCycle: 'h23',
    timeZone,
  });
  return (t) => f.format(t);
}

export const TIME = { SECOND, MINUTE, HOUR } as const;

/** The same count with its noun: "1 record", "1,204 records". */
export function formatRecords(n: number, locale?: string): string {
  return n === 1 ? '1 record' : `${formatCount(n, locale)} records`;
}

export interface ZoneOptions {
  locale?: string;
  timeZone?: string;
}

/** "07:45:43.184": event times need milliseconds, events of one saga are often a few ms apart. */
export function clockMsFormatter({ locale, timeZone }: ZoneOptions = {}): (t: number) => string {
  const f = new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    fractionalSecondDigits: 3,
    hourCycle: 'h23',
    timeZone,
  });
  return (t) => f.format(t);
}

/** "25 Nov 2026, 07:45:43" style: a start time may be days old, so it carries its date. */
export function dateTimeFormatter({ locale, timeZone }: ZoneOptions = {}): (t: number) => string {
  const f = new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZone,
  });
  return (t) => f.format(t);
}

/** A precise elapsed time: "9 ms", "1.338 s", "2 min 3.4 s", "3 h 5 min"; negative (clock skew) reads as 0 ms. */
export function formatElapsed(ms: number): string {
  const v = Math.max(0, ms);
  if (v < 1000) return `${Math.round(v)} ms`;
  if (v < 60_000) return `${Number((v / 1000).toFixed(3)).toString()} s`;
  if (v < 3_600_000) {
    const m = Math.floor(v / 60_000);
    const s = Number(((v % 60_000) / 1000).toFixed(1));
    return s === 0 ? `${m} min` : `${m} min ${s.toString()} s`;
  }
  const h = Math.floor(v / 3_600_000);
  const m = Math.floor((v % 3_600_000) / 60_000);
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** Full date-time for `t`, or only its time of day when it falls on the same local day as `ref` (the saga start). */
export function sameDayFormatter(opts: ZoneOptions = {}): (t: number, ref: number) => string {
  const full = dateTimeFormatter(opts);
  const day = new Intl.DateTimeFormat(opts.locale, { year: 'numeric', month: 'numeric', day: 'numeric', timeZone: opts.timeZone });
  const time = new Intl.DateTimeFormat(opts.locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone: opts.timeZone });
  return (t, ref) => (day.format(t) === day.format(ref) ? time.format(t) : full(t));
}
