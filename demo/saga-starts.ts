import type { SagaType } from './event-catalog';
import { toRecords, type Emission, type OutgoingRecord } from './envelope';
import type { ResolvedDemoOptions } from './options';
import { makeOrder } from './order-data';
import { derivedRng } from '../lib/random';
import { makeSagaId } from './saga-id';
import { makeTrip } from './trip-data';

/** The record that starts saga number `ordinal`; its business data depends on the seed and ordinal only. */
export function sagaStartRecords(type: SagaType, opts: ResolvedDemoOptions, ordinal: number, now: number): OutgoingRecord[] {
  const id = makeSagaId(type, opts.runTag, ordinal);
  const rng = derivedRng(opts.seed, type, 'data', ordinal);
  const start: Emission =
    type === 'order-fulfilment'
      ? { type: 'OrderRequested', fields: { orderId: id, ...makeOrder(rng) } }
      : { type: 'TripRequested', fields: { tripId: id, trip: makeTrip(rng, now) } };
  return toRecords(opts.topicPrefix, id, [start], 0, now);
}
