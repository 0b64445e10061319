import type { StuckView } from '../wire/rest';
import { formatAge } from '../format';

type WaitingFor = StuckView['waitingFor'][number];

/** "CarRented or CarRentalFailed on cars.events; any record on x": topics in the order the server lists them. */
export function expectedRecords(waitingFor: WaitingFor[]): string | null {
  if (waitingFor.length === 0) return null;
  const byTopic = new Map<string, Set<string>>();
  for (const w of waitingFor) {
    const types = byTopic.get(w.topic) ?? new Set<string>();
    types.add(w.eventType ?? 'any record');
    byTopic.set(w.topic, types);
  }
  return [...byTopic].map(([topic, types]) => `${[...types].join(' or ')} on ${topic}`).join('; ');
}

/** What the saga waits on, as a phrase after "Waiting for". */
export function waitingSubject(stuck: Pick<StuckView, 'step' | 'phase'>): string {
  if (stuck.step === null) return 'the saga to advance';
  return stuck.phase === 'compensation' ? `the compensation of step ${stuck.step}` : `step ${stuck.step}`;
}

/** When the saga last moved: `since` is the last event time plus the threshold. */
export function waitingSince(stuck: Pick<StuckView, 'since' | 'thresholdMs'>): number {
  return stuck.since - stuck.thresholdMs;
}

/** The one sentence the drill-down shows for a stuck saga; it always starts with "Waiting for". */
export function waitingSentence(stuck: StuckView, now: number): string {
  const expected = expectedRecords(stuck.waitingFor);
  const head = `Waiting for ${waitingSubject(stuck)} for ${formatAge(now - waitingSince(stuck))}`;
  return expected ? `${head}, expecting ${expected}.` : `${head}; no configured record is expected.`;
}
