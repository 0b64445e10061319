import { RECORDS_PER_SAGA, type WorkloadOptions } from '../testing/workload/volume';

/** The backlog: a million saga events (about 145,000 of the demo's sagas), produced before any timing starts. */
export const BACKLOG_EVENTS = 1_000_000;
/** Sagas start this far apart, so a million events span about half an hour of history: inside every chart window. */
const SAGA_SPACING_MS = 10;
/** Steps of one saga this far apart: whole sagas take seconds, like the demo's. */
const STEP_SPACING_MS = 200;

/** BENCH_EVENTS overrides the backlog size for quicker runs while iterating (e.g. BENCH_EVENTS=200000). */
export function backlogEvents(env = process.env): number {
  const n = env.BENCH_EVENTS === undefined ? BACKLOG_EVENTS : Number(env.BENCH_EVENTS);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`BENCH_EVENTS must be a positive integer, got ${env.BENCH_EVENTS}`);
  return n;
}

/** The same sagas for a scenario on every run; their history ends now, so nothing looks years old on the dashboard. */
export function backlogWorkload(scenario: string, events: number, now = Date.now()): WorkloadOptions {
  const sagas = Math.ceil(events / RECORDS_PER_SAGA);
  return { seed: `bench-${scenario}`, runTag: scenario.slice(0, 12), startAt: now - sagas * SAGA_SPACING_MS, sagaSpacingMs: SAGA_SPACING_MS, stepSpacingMs: STEP_SPACING_MS };
}
