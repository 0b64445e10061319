/** Display formats shared by tiles, charts and alerts. `locale`/`timeZone` default to the user's; tests pin them. */

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
