import type { EventType, SagaType } from '../demo/event-catalog';
import { createRng } from '../lib/random';
import { makeSagaId } from '../demo/saga-id';
import type { CompiledConfig } from '../lib/saga/compiled-config';
import { stuckDeadline } from '../lib/saga/stuck';
import { envelopeRecords, foldBenchRecords, type BenchRecord, type BenchSaga } from '../testing/workload/volume';

/**
 * In-flight sagas whose stuck deadline is chosen up front: each shape is one or two records, and its last record is
 * stamped `deadline - threshold`, the threshold being what lib/saga/stuck.ts derives from the configuration.
 */
export const STUCK_SHAPES = ['trip', 'order', 'order-payment'] as const;
export type StuckShape = (typeof STUCK_SHAPES)[number];

/** Trips dominate the demo mix; orders split between waiting for their first step and waiting on payment. */
const TRIP_SHARE = 0.65;
const ORDER_WAITING_SHARE = 0.5;

const SHAPE_EVENTS: Record<StuckShape, { type: SagaType; events: EventType[] }> = {
  // The start record also starts the flight step (a choreography trigger with its own timeout).
  trip: { type: 'trip-booking', events: ['TripRequested'] },
  // Nothing started yet: the saga type's stuckAfterMs applies.
  order: { type: 'order-fulfilment', events: ['OrderRequested'] },
  // Payment was asked for and never answered: the step's timeout applies.
  'order-payment': { type: 'order-fulfilment', events: ['OrderRequested', 'AuthorizePayment'] },
};

export interface PlannedSaga {
  saga: BenchSaga;
  deadline: number;
}

/** The records of one saga, envelope only (no business fields); they are 1 ms apart and the last one is at `lastAt`. */
export function shapeRecords(shape: StuckShape, sagaId: string, lastAt: number): BenchRecord[] {
  const { events } = SHAPE_EVENTS[shape];
  return envelopeRecords(
    sagaId,
    events.map((type) => ({ type, fields: {} })),
    lastAt - (events.length - 1),
  );
}

/** How long after its last record each shape becomes stuck, by running its records through the monitor's own rules. */
export function shapeThresholds(config: CompiledConfig): Record<StuckShape, number> {
  const LAST_AT = 1_700_000_000_000;
  const out = {} as Record<StuckShape, number>;
  for (const shape of STUCK_SHAPES) {
    const type = config.sagaTypes.get(SHAPE_EVENTS[shape].type);
    if (!type) throw new Error(`the configuration has no saga type ${SHAPE_EVENTS[shape].type}`);
    const state = foldBenchRecords(shapeRecords(shape, `probe-${shape}`, LAST_AT), config, `a ${shape} saga`);
    const deadline = state ? stuckDeadline(state, type.config) : null;
    if (deadline === null) throw new Error(`a ${shape} saga has no stuck deadline under this configuration`);
    out[shape] = deadline - LAST_AT;
  }
  return out;
}

export interface PlanOptions {
  seed: string;
  runTag: string;
  /** Ordinal of the first saga: keeps the ids of several plans of one run apart. */
  firstOrdinal: number;
  count: number;
  thresholds: Record<StuckShape, number>;
  /** Deadline of the i-th saga of the plan. */
  deadlineOf: (i: number, rng: () => number) => number;
}

/** Sagas of the demo's two types in the demo's proportions, each stuck at exactly its planned deadline. */
export function* planStuckSagas(o: PlanOptions): Generator<PlannedSaga> {
  const rng = createRng(o.seed);
  for (let i = 0; i < o.count; i++) {
    const x = rng.float();
    const shape: StuckShape = x < TRIP_SHARE ? 'trip' : x < TRIP_SHARE + (1 - TRIP_SHARE) * ORDER_WAITING_SHARE ? 'order' : 'order-payment';
    const { type } = SHAPE_EVENTS[shape];
    const sagaId = makeSagaId(type, o.runTag, o.firstOrdinal + i);
    const deadline = o.deadlineOf(i, rng.float);
    const records = shapeRecords(shape, sagaId, deadline - o.thresholds[shape]);
    yield { saga: { sagaId, type, outcome: 'in-flight', records }, deadline };
  }
}

/** The sagas alone, for seed(). */
export function* sagasOf(plan: Iterable<PlannedSaga>): Generator<BenchSaga> {
  for (const p of plan) yield p.saga;
}
