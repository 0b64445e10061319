import { formatDuration } from '../format';
import type { HealthResponse } from '../wire/rest';

type Clock = NonNullable<HealthResponse['clock']>;

/** The Health page's line on the monitor's clock against the records it reads live (README, Timestamps). */
export function clockWords(c: Clock): string {
  const limit = `the smallest step timeout, ${formatDuration(c.limitMs)}`;
  if (c.gapMs === null) return 'not compared yet: no record read live';
  if (c.judgedBehindMs > 0) {
    return `${formatDuration(c.gapMs)} ahead of every record read live, more than ${limit}: stuck is judged on the records' clock`;
  }
  if (c.disagrees) return `records stamped up to ${formatDuration(-c.gapMs)} ahead of it, more than ${limit}: their sagas turn stuck no earlier than that`;
  if (c.gapMs > c.limitMs) {
    return `${formatDuration(c.gapMs)} ahead of the records of ${c.sagas} sagas read live: too few to tell this clock from their producers'`;
  }
  return `agrees with the records: the freshest read ${formatDuration(Math.max(0, c.gapMs))} after its timestamp`;
}
