import type { Finding } from '../wire/rest';
import type { LaneItem } from './finding-lanes';
import { evidenceOf, nameOf } from './finding-text';

/**
 * A step answered again with the opposite outcome once it had ended: attempt 1 declined after attempt 2 authorized, or
 * a late success after a decline. The first answer to the latest attempt stands (README "The saga event contract"), so
 * the step and the saga do not move; the operator is told that the services disagree. `items` is the step's own lane,
 * in causal order (a reply stamped a little before its command is already behind it).
 */
export function conflictingReplies(step: string, items: readonly LaneItem[], out: Finding[]): void {
  let start: LaneItem | null = null;
  let open = false;
  let answer: LaneItem | null = null;
  for (const it of items) {
    if (it.kind === 'start') {
      start = it;
      open = true;
      continue;
    }
    if (it.kind !== 'reply') continue;
    if (open || answer === null) {
      open = false;
      answer = it;
      continue;
    }
    if (it.e.effect === answer.e.effect) continue;
    out.push({
      kind: 'conflicting-replies',
      step,
      at: it.e.timestamp,
      message: `${nameOf(it.e)} answered step ${step} after ${nameOf(answer.e)} had already ${answer.e.effect === 'step-completed' ? 'completed' : 'failed'} it; the first answer stands and the step did not change.`,
      evidence: evidenceOf([start?.e, answer.e, it.e].filter((e) => e !== undefined)),
    });
  }
}
