/** Time formats of the drill-down and health pages. `locale`/`timeZone` default to the user's; tests pin them. */

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
