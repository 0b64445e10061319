import type { Phase, SagaStatus, StepStatus } from '../vocabulary';
import type { SagaEvent } from './event';


export interface StepState {
  name: string;
  status: StepStatus;
  /** Start of the latest attempt. */
  startedAt: number | null;
  endedAt: number | null;
  attempts: number;
  /** Timeout of the latest attempt, from the rule that started it. */
  timeoutMs: number | null;
  compensationStartedAt: number | null;
  compensationEndedAt: number | null;
  /** The rules name a compensation for this step: once the saga compensates, a completed one is still owed. */
  compensable: boolean;
}

/** Everything the monitor derives for one saga from its events; status excludes `stuck`, which depends on the clock. */
export interface SagaState {
  id: string;
  type: string;
  /** Time of the `start` record, else of the first record seen. */
  startedAt: number;
  /** Time of the latest record: the clock of the stuck rule. */
  updatedAt: number;
  completedAt: number | null;
  failedAt: number | null;
  steps: StepState[];
  status: Exclude<SagaStatus, 'stuck'>;
  currentStep: string | null;
  /** What the saga waits for: a step's reply or a compensation's. */
  phase: Phase | null;
  endedAt: number | null;
  /** Timeline, ordered by compareEvents; older events beyond MAX_EVENTS_PER_SAGA are dropped. */
  events: SagaEvent[];
  eventCount: number;
  droppedEvents: number;
  /** True once events were dropped: a late out-of-order record can then only be applied, not replayed. */
  truncated: boolean;
}

export function emptyStep(name: string, compensable = false): StepState {
  return {
    name,
    status: 'pending',
    startedAt: null,
    endedAt: null,
    attempts: 0,
    timeoutMs: null,
    compensationStartedAt: null,
    compensationEndedAt: null,
    compensable,
  };
}

export function isFinished(s: Pick<SagaState, 'status' | 'failedAt'>): boolean {
  return s.status === 'completed' || s.status === 'compensated' || (s.status === 'failed' && s.failedAt !== null);
}
