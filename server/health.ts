import type { ClockView } from '../lib/saga/clock-check';
import type { HealthResponse } from '../lib/wire/rest';
import type { ConsumerHealth } from './kafka/consumer-health';
import type { startProcessFigures } from './process-figures';
import type { RejectedLog } from './store/rejected-log';
import type { SagaStore } from './store/saga-store';

interface Deps {
  consumerHealth: ConsumerHealth;
  store: SagaStore;
  rejected: RejectedLog;
  processFigures: ReturnType<typeof startProcessFigures>;
  /** Whether retries can be published now, and why not. */
  retries: () => NonNullable<HealthResponse['retries']>;
  clock: () => ClockView;
}

/**
 * /api/health and the live feed's health: Kafka, what was applied and rejected, the process's own figures, whether
 * retries can be published, and its clock against the records'.
 */
export function monitorHealth({ consumerHealth, store, rejected, processFigures, retries, clock }: Deps): () => HealthResponse {
  return () => ({
    ...consumerHealth.snapshot(),
    applied: store.applied,
    rejected: { total: rejected.total, byReason: rejected.byReason(), samples: rejected.recentSamples() },
    sagas: store.sagas.size,
    sagasForgotten: store.forgotten,
    retries: retries(),
    process: processFigures.snapshot(),
    clock: clock(),
  });
}
