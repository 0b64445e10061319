import type { SagaSummary } from '../wire/rest';

/** Hand-written summaries for the list tests: the fields the list reads, with readable defaults. */
export function summary(id: string, over: Partial<SagaSummary> = {}): SagaSummary {
  return {
    id,
    type: id.startsWith('trip') ? 'trip-booking' : 'order-fulfilment',
    status: 'in_progress',
    currentStep: 'payment',
    phase: 'step',
    startedAt: 1_000,
    updatedAt: 1_000,
    endedAt: null,
    durationMs: null,
    stuckSince: null,
    eventCount: 1,
    ...over,
  };
}
