import { causalOrder } from './causal-order';
import type { SagaState, StepState } from './saga-state';

type Derived = Pick<SagaState, 'status' | 'currentStep' | 'phase' | 'endedAt'>;

function latest(steps: StepState[], at: (s: StepState) => number | null): StepState | null {
  let best: StepState | null = null;
  for (const s of steps) {
    const t = at(s);
    if (t !== null && (best === null || t >= at(best)!)) best = s;
  }
  return best;
}

/**
 * The step compensated last: the latest compensation end, ties (two ends of the same millisecond, or a reply stamped
 * before its command, whose end is clamped to the command's time) broken by causal order, causes before consequences.
 * A repeated reply of a compensation that already ended does not count.
 */
function lastCompensated(s: Omit<SagaState, keyof Derived>, end: number): string | null {
  const candidates = s.steps.filter((x) => x.compensationEndedAt === end);
  if (candidates.length === 1) return candidates[0].name;
  const names = new Set(candidates.map((x) => x.name));
  const ended = new Set<string>();
  let last: string | null = null;
  for (const e of causalOrder(s.events)) {
    if (e.effect !== 'compensation-completed' || e.step === null || !names.has(e.step) || ended.has(e.step)) continue;
    ended.add(e.step);
    last = e.step;
  }
  return last ?? candidates.at(-1)?.name ?? null;
}

/** Status from the facts gathered so far (see the README's status table); stuck is layered on by the detector. */
export function deriveStatus(s: Omit<SagaState, keyof Derived>): Derived {
  const compensations = s.steps.filter((x) => x.compensationStartedAt !== null);
  const waitingCompensation = latest(
    compensations.filter((x) => x.compensationEndedAt === null),
    (x) => x.compensationStartedAt,
  );
  const running = latest(
    s.steps.filter((x) => x.status === 'running'),
    (x) => x.startedAt,
  );
  const touched = latest(s.steps, (x) => x.compensationEndedAt ?? x.compensationStartedAt ?? x.endedAt ?? x.startedAt);
  const lastCompensationEnd = Math.max(...compensations.map((x) => x.compensationEndedAt ?? -Infinity));

  if (s.completedAt !== null) {
    return { status: 'completed', currentStep: null, phase: null, endedAt: s.completedAt };
  }
  if (compensations.length > 0) {
    if (waitingCompensation) {
      return { status: 'compensating', currentStep: waitingCompensation.name, phase: 'compensation', endedAt: null };
    }
    // Compensations run one after another: a completed step with a compensation of its own is still owed one,
    // unless a fail record says the saga gave up.
    const owed = s.failedAt === null ? latest(s.steps.filter((x) => x.compensable && x.status === 'completed'), (x) => x.endedAt) : null;
    if (owed) return { status: 'compensating', currentStep: owed.name, phase: null, endedAt: null };
    return { status: 'compensated', currentStep: lastCompensated(s, lastCompensationEnd) ?? touched?.name ?? null, phase: null, endedAt: lastCompensationEnd };
  }
  const failedStep = latest(
    s.steps.filter((x) => x.status === 'failed'),
    (x) => x.endedAt,
  );
  if (s.failedAt !== null) {
    return { status: 'failed', currentStep: failedStep?.name ?? touched?.name ?? null, phase: null, endedAt: s.failedAt };
  }
  if (failedStep) return { status: 'failed', currentStep: failedStep.name, phase: null, endedAt: null };
  return { status: 'in_progress', currentStep: running?.name ?? touched?.name ?? null, phase: running ? 'step' : null, endedAt: null };
}
