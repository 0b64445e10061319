import type { DemoTopic } from './topics';

export const SAGA_TYPES = ['order-fulfilment', 'trip-booking'] as const;
export type SagaType = (typeof SAGA_TYPES)[number];

export const ORDER_STEP_NAMES = ['payment', 'inventory', 'shipping'] as const;
export const TRIP_STEP_NAMES = ['flight', 'hotel', 'car'] as const;
export const STEP_NAMES = [...ORDER_STEP_NAMES, ...TRIP_STEP_NAMES] as const;
export type StepName = (typeof STEP_NAMES)[number];

/** The one place that says which topic carries which event type; producers look topics up here. */
export const EVENT_TOPICS = {
  OrderRequested: 'orders.requested',
  AuthorizePayment: 'payment.commands',
  RefundPayment: 'payment.commands',
  PaymentAuthorized: 'payment.events',
  PaymentDeclined: 'payment.events',
  PaymentRefunded: 'payment.events',
  ReserveInventory: 'inventory.commands',
  ReleaseInventory: 'inventory.commands',
  InventoryReserved: 'inventory.events',
  InventoryUnavailable: 'inventory.events',
  InventoryReleased: 'inventory.events',
  ScheduleShipment: 'shipping.commands',
  CancelShipment: 'shipping.commands',
  ShipmentScheduled: 'shipping.events',
  ShipmentFailed: 'shipping.events',
  ShipmentCancelled: 'shipping.events',
  OrderStatusChanged: 'orders.completed',
  OrderCompleted: 'orders.completed',
  OrderFailed: 'orders.failed',
  TripRequested: 'trips.requested',
  FlightBooked: 'flights.events',
  FlightBookingFailed: 'flights.events',
  FlightCancelled: 'flights.events',
  HotelBooked: 'hotels.events',
  HotelBookingFailed: 'hotels.events',
  HotelCancelled: 'hotels.events',
  CarRented: 'cars.events',
  CarRentalFailed: 'cars.events',
  TripConfirmed: 'trips.completed',
  TripCancelled: 'trips.failed',
} as const satisfies Record<string, DemoTopic>;
export type EventType = keyof typeof EVENT_TOPICS;

/**
 * Status updates share the output topic with completions (the orchestrator publishes in-flight status there), so
 * the monitor must not take them for completions; they carry no saga-level effect.
 */
export const STATUS_ONLY_EVENTS: readonly EventType[] = ['OrderStatusChanged'];

export function isSagaType(x: string): x is SagaType {
  return (SAGA_TYPES as readonly string[]).includes(x);
}
