/**
 * Workload generator, part 4: one trip-booking saga, written from the demo's choreography. It runs the demo's own
 * services (demo/trip-services.ts), each reacting to the events it subscribes to; outcomes, slow and late replies,
 * operators, a resend answered with the opposite of the late original reply, and producers' clocks are rolled here.
 * Operators retry in resend mode (README "Manual retries": the original record that started the waiting step is
 * published again with the retry headers).
 *
 * A late reply in a choreography is answered twice downstream (the services are stateless), so a step may reply late
 * only when every later step succeeds promptly: the doubled chain then stays inside what the contract defines.
 */
import type { SagaTypeConfig } from '../../lib/config/schema';
import type { DemoEvent } from '../../demo/envelope';
import { TRIP_STEP_NAMES, type EventType } from '../../demo/event-catalog';
import type { Rng } from '../../lib/random';
import { makeTrip } from '../../demo/trip-data';
import { TRIP_SERVICES } from '../../demo/trip-services';
import { RETRY_HEADERS } from '../../lib/retry/retry-wire';
import { clockOffset, latency, OPERATOR_DELAY_MS, retriedOutcome, rollPhase, waitThreshold, type Phase, type PhasePlan, type WorkloadKnobs } from './plan';
import { SagaSim, type SimRecord } from './saga-sim';

/** What the saga waits for once a record of this type is its latest: the record is what a resend publishes again. */
const WAIT_AFTER: Partial<Record<EventType, { step: string; phase: Phase }>> = {
  TripRequested: { step: 'flight', phase: 'action' },
  FlightBooked: { step: 'hotel', phase: 'action' },
  HotelBooked: { step: 'car', phase: 'action' },
  CarRentalFailed: { step: 'hotel', phase: 'compensation' },
  HotelBookingFailed: { step: 'flight', phase: 'compensation' },
  HotelCancelled: { step: 'flight', phase: 'compensation' },
};

function tripPlan(rng: Rng, k: WorkloadKnobs): Map<string, PhasePlan> {
  const plan = new Map<string, PhasePlan>();
  for (const step of TRIP_STEP_NAMES) for (const phase of ['action', 'compensation'] as const) plan.set(`${step}/${phase}`, rollPhase(rng, k, phase));
  TRIP_STEP_NAMES.forEach((step, i) => {
    const later = TRIP_STEP_NAMES.slice(i + 1).map((s) => plan.get(`${s}/action`)!);
    const action = plan.get(`${step}/action`)!;
    const doubledChainIsClean = action.outcome === 'ok' && later.every((p) => p.outcome === 'ok' && (p.slowMs ?? 0) <= 0);
    if ((action.slowMs ?? 0) > 0 && !doubledChainIsClean) action.slowMs = null;
    const compensation = plan.get(`${step}/compensation`)!;
    if ((compensation.slowMs ?? 0) > 0) compensation.slowMs = null;
  });
  return plan;
}

export function tripStory(sagaId: string, startAt: number, type: SagaTypeConfig, rng: Rng, k: WorkloadKnobs): SimRecord[] {
  const plan = tripPlan(rng, k);
  // Each producer's clock offset: the traveller's request, and each service.
  const requesterClock = clockOffset(rng, k);
  const serviceClock = new Map(TRIP_SERVICES.map((s) => [s.name, clockOffset(rng, k)]));
  const originals = new Map<EventType, SimRecord>();
  let retries = 0;

  const react = (r: SimRecord, e: DemoEvent) => {
    for (const service of TRIP_SERVICES) {
      const reaction = service.reactions[r.type];
      if (!reaction) continue;
      const p = plan.get(`${reaction.step}/${reaction.phase}`)!;
      const retried = r.headers[RETRY_HEADERS.id] !== undefined;
      const planned = p.outcome === 'drop' ? (retried ? 'ok' : null) : p.outcome;
      if (planned === null) continue;
      const outcome = retried && reaction.phase === 'action' ? retriedOutcome(rng, k, p, planned) : planned;
      const slow = !retried && p.slowMs !== null ? waitThreshold(type, reaction.step, reaction.phase) + p.slowMs : null;
      sim.publishAt(r.sentAt + (slow ?? latency(rng, k)), reaction.respond(e, outcome, rng), {}, serviceClock.get(service.name));
    }
  };

  /** An operator who sees the saga stuck resends the original record that started what it waits for. */
  const watch = (r: SimRecord) => {
    const w = WAIT_AFTER[r.type];
    if (!w) return;
    const check = r.sentAt + waitThreshold(type, w.step, w.phase) + rng.int(OPERATOR_DELAY_MS.min, OPERATOR_DELAY_MS.max);
    sim.at(check, () => {
      if (sim.records.at(-1) !== r || !rng.chance(k.retryRate)) return;
      retries += 1;
      const original = originals.get(r.type)!;
      sim.resendAt(check, original, { [RETRY_HEADERS.id]: `retry-${sagaId}-${retries}`, [RETRY_HEADERS.by]: 'operator' });
    });
  };

  const sim = new SagaSim(sagaId, 'trip-booking', (r) => {
    if (r.headers[RETRY_HEADERS.id] === undefined && !originals.has(r.type)) originals.set(r.type, r);
    react(r, JSON.parse(r.value) as DemoEvent);
    watch(r);
  });
  sim.publishAt(startAt, [{ type: 'TripRequested', fields: { tripId: sagaId, trip: makeTrip(rng, startAt) } }], {}, requesterClock);
  sim.run();
  return sim.records;
}
