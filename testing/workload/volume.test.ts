import { describe, expect, it } from 'vitest';
import { businessFields, type DemoEvent, type Emission, type Fields } from '../../demo/envelope';
import type { EventType } from '../../demo/event-catalog';
import { OrderData } from '../../demo/order-data';
import { isFinished, nextAction, startOrder } from '../../demo/order-state-machine';
import { ORDER_WORKERS } from '../../demo/order-workers';
import type { Reaction, ServiceDef } from '../../demo/service-runtime';
import { TRIP_SERVICES } from '../../demo/trip-services';
import { MonitorConfig } from '../../lib/config/schema';
import { createRng } from '../../lib/random';
import { compileConfig } from '../../lib/saga/compiled-config';
import { shippedConfigInput } from '../monitor/test-config';
import { foldBenchRecords, RECORDS_PER_SAGA, sagas, type BenchRecord, type BenchSaga, type WorkloadOptions } from './volume';

/** Scenario: the bench backlog's spacing (bench/backlog.ts), first sagas of a fixed seed, checked against the demo. */
const OPTIONS: WorkloadOptions = { seed: 'volume-test', runTag: 'vt', startAt: Date.parse('2026-01-01T00:00:00.000Z'), sagaSpacingMs: 10, stepSpacingMs: 200 };
const SAGAS = 2_000;

function take(n: number, o: WorkloadOptions = OPTIONS): BenchSaga[] {
  const out: BenchSaga[] = [];
  for (const s of sagas(o)) {
    if (out.length >= n) break;
    out.push(s);
  }
  return out;
}

const workload = take(SAGAS);
const orders = workload.filter((s) => s.type === 'order-fulfilment');
const trips = workload.filter((s) => s.type === 'trip-booking');
const eventOf = (r: BenchRecord) => JSON.parse(String(r.message.value)) as DemoEvent;
/** What a record's value holds once written: undefined fields are left out. */
const written = (f: Fields) => JSON.parse(JSON.stringify(f)) as Fields;
const fieldNames = (f: Fields) => Object.keys(written(f)).sort();

function reactionTo(services: readonly ServiceDef[], type: string): Reaction | undefined {
  for (const s of services) if (s.reactions[type as EventType]) return s.reactions[type as EventType];
  return undefined;
}

/** The answers a service may give to `cause`: success or failure for a step, success only for a compensation. */
function answers(reaction: Reaction, cause: DemoEvent): Emission[][] {
  const outcomes = reaction.phase === 'action' ? (['ok', 'fail'] as const) : (['ok'] as const);
  return outcomes.map((o) => reaction.respond(cause, o, createRng(0)));
}

/** Replays an order through the demo's orchestrator: each record is the one the state machine or a worker publishes next. */
function expectOrderChain(s: BenchSaga): void {
  const events = s.records.map(eventOf);
  expect(events[0].type, s.sagaId).toBe('OrderRequested');
  let pos = 1;
  const publishedNext = (emit: Emission[]) => {
    for (const e of emit) {
      expect(events[pos]?.type, `${s.sagaId} record ${pos}`).toBe(e.type);
      expect(businessFields(events[pos]), `${s.sagaId} ${e.type}`).toEqual(written(e.fields));
      pos += 1;
    }
  };
  let d = startOrder(s.sagaId, OrderData.parse(businessFields(events[0])));
  publishedNext(d.emit);
  while (!isFinished(d.state) && pos < events.length) {
    const command = events[pos - 1];
    const reaction = reactionTo(ORDER_WORKERS, command.type);
    expect(reaction, `${s.sagaId}: no worker answers ${command.type}`).toBeDefined();
    const reply = answers(reaction!, command).find((a) => a[0].type === events[pos].type);
    expect(reply, `${s.sagaId}: ${events[pos].type} does not answer ${command.type}`).toBeDefined();
    expect(fieldNames(businessFields(events[pos])), `${s.sagaId} ${events[pos].type}`).toEqual(fieldNames(reply![0].fields));
    d = nextAction(d.state, { type: events[pos].type, fields: businessFields(events[pos]) });
    expect(d.accepted, `${s.sagaId}: the orchestrator ignores ${events[pos].type}`).toBe(true);
    pos += 1;
    publishedNext(d.emit);
  }
  expect(pos, `${s.sagaId}: records past the end of the story`).toBe(events.length);
}

/** Replays a trip through the demo's services: every record they react to is answered by the records that follow. */
function expectTripChain(s: BenchSaga): void {
  const events = s.records.map(eventOf);
  expect(events[0].type, s.sagaId).toBe('TripRequested');
  let pos = 1;
  for (let cause = 0; cause < pos && pos < events.length; cause++) {
    const reaction = reactionTo(TRIP_SERVICES, events[cause].type);
    if (!reaction) continue;
    const answer = answers(reaction, events[cause]).find((a) => a[0].type === events[pos].type);
    expect(answer, `${s.sagaId}: ${events[pos].type} does not answer ${events[cause].type}`).toBeDefined();
    for (const e of answer!) {
      expect(events[pos]?.type, `${s.sagaId} record ${pos}`).toBe(e.type);
      expect(fieldNames(businessFields(events[pos])), `${s.sagaId} ${e.type}`).toEqual(fieldNames(e.fields));
      pos += 1;
    }
  }
  expect(pos, `${s.sagaId}: records nobody published`).toBe(events.length);
}

const compiled = compileConfig(MonitorConfig.parse(shippedConfigInput()));
/** The monitor's statuses each outcome may show as, before any stuck threshold passes. */
const SHOWN_AS: Record<BenchSaga['outcome'], string[]> = {
  completed: ['completed'],
  failed: ['failed'],
  compensated: ['compensated'],
  'in-flight': ['in_progress', 'compensating'],
};

/** The saga as the monitor's classify and reducer see it under the shipped configuration. */
function monitorStatus(s: BenchSaga): string {
  return foldBenchRecords(s.records, compiled, s.sagaId)!.status;
}

describe('volume workload', () => {
  it("an order's records are what the demo's orchestrator and workers publish, fields included", () => {
    expect(orders.length).toBeGreaterThan(SAGAS / 5);
    for (const s of orders) expectOrderChain(s);
  });

  it("a trip's records are what the demo's services publish, each answering the one before", () => {
    expect(trips.length).toBeGreaterThan(SAGAS / 2);
    for (const s of trips) expectTripChain(s);
  });

  it('each outcome is what the monitor shows for the records under the shipped configuration', () => {
    for (const s of workload) expect(SHOWN_AS[s.outcome], `${s.sagaId} (${s.outcome})`).toContain(monitorStatus(s));
  });

  it("the mix is the demo's: most complete, some fail or compensate, a few stay in flight", () => {
    const share = (o: BenchSaga['outcome']) => workload.filter((s) => s.outcome === o).length / SAGAS;
    expect(share('completed')).toBeGreaterThan(0.7);
    expect(share('completed')).toBeLessThan(0.9);
    expect(share('failed')).toBeGreaterThan(0.02);
    expect(share('compensated')).toBeGreaterThan(0.04);
    expect(share('in-flight')).toBeGreaterThan(0.01);
    expect(share('in-flight')).toBeLessThan(0.1);
  });

  it('averages RECORDS_PER_SAGA records a saga, which sizes the backlogs', () => {
    const mean = workload.reduce((n, s) => n + s.records.length, 0) / SAGAS;
    expect(Math.abs(mean - RECORDS_PER_SAGA) / RECORDS_PER_SAGA).toBeLessThan(0.05);
  });

  it('sagas start sagaSpacingMs apart; records follow stepSpacingMs apart, or 1 ms when one reaction publishes them', () => {
    workload.forEach((s, n) => {
      const times = s.records.map((r) => Number(r.message.timestamp));
      expect(times[0], s.sagaId).toBe(OPTIONS.startAt + n * OPTIONS.sagaSpacingMs);
      for (let i = 1; i < times.length; i++) expect([1, OPTIONS.stepSpacingMs], `${s.sagaId} record ${i}`).toContain(times[i] - times[i - 1]);
    });
  });

  it('the same seed gives the same sagas, another seed others', () => {
    expect(take(200)).toEqual(workload.slice(0, 200));
    expect(take(200, { ...OPTIONS, seed: 'another' }).map((s) => s.records.map((r) => r.message.value))).not.toEqual(
      workload.slice(0, 200).map((s) => s.records.map((r) => r.message.value)),
    );
  });
});
