import type { StepView } from '../wire/rest';
import { formatElapsed } from '../format';
import type { TimelineInput } from './layout';

function stepPhrase(s: StepView, t0: number, end: number): string {
  if (s.startedAt === null) return `${s.name} ${s.status}`;
  const ran = formatElapsed((s.endedAt ?? end) - s.startedAt);
  const parts = [`${s.name} ${s.status}: started at +${formatElapsed(s.startedAt - t0)}, ${s.endedAt === null ? 'running for' : 'took'} ${ran}`];
  if (s.attempts > 1) parts.push(`${s.attempts} attempts`);
  if (s.compensationStartedAt !== null) {
    const comp = formatElapsed((s.compensationEndedAt ?? end) - s.compensationStartedAt);
    parts.push(`compensation ${s.compensationEndedAt === null ? 'running for' : 'took'} ${comp}`);
  }
  return parts.join(', ');
}

/** The text alternative of the timeline image: what a sighted reader gets from the bars. */
export function describeTimeline(input: TimelineInput, now: number): string {
  const end = input.endedAt ?? now;
  const total = formatElapsed(end - input.startedAt);
  const head = input.endedAt === null ? `Saga ${input.status}, running for ${total}.` : `Saga ${input.status} after ${total}.`;
  const steps = input.steps.map((s) => `${stepPhrase(s, input.startedAt, end)}.`);
  const events = `${input.events.length} ${input.events.length === 1 ? 'event' : 'events'} marked.`;
  return [head, ...steps, events].join(' ');
}
