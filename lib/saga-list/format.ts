import { formatAge, formatDuration } from '../format';
import type { SagaSummary } from '../wire/rest';

/** Cell texts of the saga list; `now` comes from one ticking clock for the whole list. */

/** Below this an update reads as "just now": the live feed itself lags up to a few hundred ms. */
export const JUST_NOW_MS = 1000;

export function sinceText(t: number, now: number): string {
  return now - t < JUST_NOW_MS ? 'just now' : `${formatAge(now - t)} ago`;
}

/** Duration once finished, else the age so far (a running saga has no duration yet). */
export function durationText(s: SagaSummary, now: number): string {
  if (s.endedAt !== null) return formatDuration(s.durationMs ?? s.endedAt - s.startedAt);
  return `${formatAge(now - s.startedAt)} so far`;
}

/** Shown beside the stuck badge: how long the saga has not moved past its threshold. */
export function stuckForText(s: SagaSummary, now: number): string | null {
  return s.status === 'stuck' && s.stuckSince !== null ? `for ${formatAge(now - s.stuckSince)}` : null;
}

export interface StartedOptions {
  locale?: string;
  timeZone?: string;
}

/** Start times: the clock time today, with the date for older sagas. One pair of Intl formatters per call site. */
export function startedFormatter({ locale, timeZone }: StartedOptions = {}): (t: number, now: number) => string {
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone });
  const dated = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
  const day = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone });
  return (t, now) => (day.format(t) === day.format(now) ? time.format(t) : dated.format(t));
}

export function statusLabel(status: string): string {
  return status.replace(/_/g, ' ');
}
