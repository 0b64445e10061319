import type { Rng } from '../lib/random';
import { PLACES } from './vocabulary';

/** The business part of TripRequested; every service copies it forward so each event stands on its own. */
export interface TripData {
  travellerId: string;
  travellers: number;
  origin: string;
  destination: string;
  departDate: string;
  returnDate: string;
  budget: number;
  currency: string;
}

const DAY_MS = 86_400_000;
/** Trips are booked one to ten weeks ahead and last two to ten nights. */
const LEAD_DAYS = { min: 7, max: 70 };
const NIGHTS = { min: 2, max: 10 };

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function makeTrip(rng: Rng, now: number): TripData {
  const from = rng.pick(PLACES);
  let to = rng.pick(PLACES);
  while (to.airport === from.airport) to = rng.pick(PLACES);
  const depart = now + rng.int(LEAD_DAYS.min, LEAD_DAYS.max) * DAY_MS;
  return {
    travellerId: `cus-${rng.token(6)}`,
    travellers: rng.int(1, 4),
    origin: from.airport,
    destination: to.airport,
    departDate: isoDate(depart),
    returnDate: isoDate(depart + rng.int(NIGHTS.min, NIGHTS.max) * DAY_MS),
    budget: rng.int(4, 40) * 100,
    currency: from.currency,
  };
}
