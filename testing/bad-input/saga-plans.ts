import type { Message } from 'kafkajs';
import { EVENT_TOPICS, type EventType } from '../../demo/event-catalog';
import type { SagaStatus } from '../../lib/wire/rest';

export interface TopicMessage {
  topic: string;
  message: Message;
}

/** Record sequences of the demo's two saga shapes and the status the contract gives each (README, Statuses). */
export const ORDER_PLANS = {
  completed: ['OrderRequested', 'AuthorizePayment', 'PaymentAuthorized', 'ReserveInventory', 'InventoryReserved', 'ScheduleShipment', 'ShipmentScheduled', 'OrderCompleted'],
  failed: ['OrderRequested', 'AuthorizePayment', 'PaymentDeclined', 'OrderFailed'],
  compensated: ['OrderRequested', 'AuthorizePayment', 'PaymentAuthorized', 'ReserveInventory', 'InventoryUnavailable', 'RefundPayment', 'PaymentRefunded', 'OrderFailed'],
  /** Waits on payment: stuck once its records are older than the step's 8 s timeout. */
  stuck: ['OrderRequested', 'AuthorizePayment'],
} as const satisfies Partial<Record<SagaStatus, readonly EventType[]>>;

export const TRIP_PLANS = {
  completed: ['TripRequested', 'FlightBooked', 'HotelBooked', 'CarRented', 'TripConfirmed'],
  compensated: ['TripRequested', 'FlightBooked', 'HotelBookingFailed', 'FlightCancelled', 'TripCancelled'],
  /** Waits on the hotel, which FlightBooked triggered. */
  stuck: ['TripRequested', 'FlightBooked'],
} as const satisfies Partial<Record<SagaStatus, readonly EventType[]>>;

/** One record as the demo's services write it: saga id as key and `saga-id` header, JSON with type, sagaId and at. */
export function demoRecord(prefix: string, sagaId: string, type: EventType, at: number, extra: Record<string, unknown> = {}): TopicMessage {
  return {
    topic: `${prefix}${EVENT_TOPICS[type]}`,
    message: {
      key: sagaId,
      headers: { 'saga-id': sagaId },
      value: JSON.stringify({ type, sagaId, at: new Date(Math.max(0, at)).toISOString(), ...extra }),
      timestamp: String(at),
    },
  };
}

/** A saga's records, `stepMs` apart from `t0`. */
export function sagaRecords(prefix: string, sagaId: string, types: readonly EventType[], t0: number, stepMs = 10): TopicMessage[] {
  return types.map((type, i) => demoRecord(prefix, sagaId, type, t0 + i * stepMs));
}
