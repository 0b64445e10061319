import type { DemoEvent, Emission, Fields } from './envelope';
import type { Rng } from '../lib/random';
import type { Reaction, ServiceDef } from './service-runtime';
import { AIRLINES, CAR_CLASSES, CAR_COMPANIES, FAILURE_REASONS, HOTELS } from './vocabulary';

/** Every trip event carries what later services need (trip, flight, hotel), so each service stays stateless. */
function part(e: DemoEvent, name: string): Fields {
  const v = e[name];
  return typeof v === 'object' && v !== null ? (v as Fields) : {};
}

function tripCancelled(e: DemoEvent, failedStep: string, reason: unknown): Emission {
  const trip = part(e, 'trip');
  return { type: 'TripCancelled', fields: { tripId: e.sagaId, travellerId: trip.travellerId, failedStep, reason } };
}

function cancelFlight(failedStep: string): Reaction {
  return {
    step: 'flight',
    phase: 'compensation',
    respond: (e, _o, rng) => {
      const flight = part(e, 'flight');
      const cancelled: Emission = {
        type: 'FlightCancelled',
        fields: { tripId: e.sagaId, trip: part(e, 'trip'), flight, refund: flight.fare, reason: e.reason ?? `${failedStep}-failed`, cancelRef: `cx-${rng.token(8)}` },
      };
      return [cancelled, tripCancelled(e, failedStep, e.reason)];
    },
  };
}

/** Books the flight first; cancels it when a later booking fails, then declares the trip cancelled. */
const FLIGHT_SERVICE: ServiceDef = {
  name: 'flight-service',
  sagaType: 'trip-booking',
  reactions: {
    TripRequested: {
      step: 'flight',
      phase: 'action',
      respond: (e, outcome, rng) => {
        const trip = part(e, 'trip');
        if (outcome === 'fail') {
          const reason = rng.pick(FAILURE_REASONS.flight);
          return [{ type: 'FlightBookingFailed', fields: { tripId: e.sagaId, trip, reason } }, tripCancelled(e, 'flight', reason)];
        }
        const airline = rng.pick(AIRLINES);
        const flight = { flightNo: `${airline.code}${rng.int(100, 9999)}`, airline: airline.name, pnr: rng.token(6).toUpperCase(), fare: rng.int(80, 900) };
        return [{ type: 'FlightBooked', fields: { tripId: e.sagaId, trip, flight } }];
      },
    },
    HotelBookingFailed: cancelFlight('hotel'),
    HotelCancelled: cancelFlight('car'),
  },
};

function hotelFor(e: DemoEvent, rng: Rng): Fields {
  return { name: rng.pick(HOTELS), city: part(e, 'trip').destination, confirmation: `H${rng.token(8).toUpperCase()}`, nightlyRate: rng.int(60, 320) };
}

/** Books the hotel once the flight is booked; cancels it when the car rental fails. */
const HOTEL_SERVICE: ServiceDef = {
  name: 'hotel-service',
  sagaType: 'trip-booking',
  reactions: {
    FlightBooked: {
      step: 'hotel',
      phase: 'action',
      respond: (e, outcome, rng) => {
        const fields = { tripId: e.sagaId, trip: part(e, 'trip'), flight: part(e, 'flight') };
        if (outcome === 'fail') return [{ type: 'HotelBookingFailed', fields: { ...fields, reason: rng.pick(FAILURE_REASONS.hotel) } }];
        return [{ type: 'HotelBooked', fields: { ...fields, hotel: hotelFor(e, rng) } }];
      },
    },
    CarRentalFailed: {
      step: 'hotel',
      phase: 'compensation',
      respond: (e) => [
        { type: 'HotelCancelled', fields: { tripId: e.sagaId, trip: part(e, 'trip'), flight: part(e, 'flight'), hotel: part(e, 'hotel'), reason: e.reason } },
      ],
    },
  },
};

/** Rents the car last; its success confirms the whole trip. */
const CAR_SERVICE: ServiceDef = {
  name: 'car-service',
  sagaType: 'trip-booking',
  reactions: {
    HotelBooked: {
      step: 'car',
      phase: 'action',
      respond: (e, outcome, rng) => {
        const trip = part(e, 'trip');
        const fields = { tripId: e.sagaId, trip, flight: part(e, 'flight'), hotel: part(e, 'hotel') };
        if (outcome === 'fail') return [{ type: 'CarRentalFailed', fields: { ...fields, reason: rng.pick(FAILURE_REASONS.car) } }];
        const car = { company: rng.pick(CAR_COMPANIES), carClass: rng.pick(CAR_CLASSES), rentalRef: `R${rng.token(8).toUpperCase()}`, pickUp: trip.destination };
        const confirmed = { tripId: e.sagaId, travellerId: trip.travellerId, flightNo: fields.flight.flightNo, hotel: fields.hotel.name, rentalRef: car.rentalRef };
        return [
          { type: 'CarRented', fields: { tripId: e.sagaId, travellerId: trip.travellerId, flight: fields.flight, hotel: fields.hotel, car } },
          { type: 'TripConfirmed', fields: confirmed },
        ];
      },
    },
  },
};

export const TRIP_SERVICES: readonly ServiceDef[] = [FLIGHT_SERVICE, HOTEL_SERVICE, CAR_SERVICE];
