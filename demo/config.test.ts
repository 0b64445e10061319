import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MonitorConfig, type Rule } from '../lib/config/schema';
import { EVENT_TOPICS, ORDER_STEP_NAMES, STATUS_ONLY_EVENTS, TRIP_STEP_NAMES, type EventType } from './event-catalog';
import { ORDER_STEPS } from './order-steps';
import { DEMO_TOPICS } from './topics';

const raw: unknown = JSON.parse(readFileSync(new URL('../saga-monitor.config.json', import.meta.url), 'utf8'));
const parsed = MonitorConfig.safeParse(raw);

function config(): MonitorConfig {
  if (!parsed.success) throw new Error(parsed.error.message);
  return parsed.data;
}

const rules = (): Rule[] => config().sagas.flatMap((s) => s.rules);
const matches = (r: Rule, type: string) => r.topic === EVENT_TOPICS[type as EventType] && (r.eventType === undefined || r.eventType === type);

describe('saga-monitor.config.json', () => {
  it('is a valid MonitorConfig', () => {
    expect(parsed.error?.issues ?? []).toEqual([]);
  });

  it('reads every topic the demo produces to', () => {
    const read = new Set(rules().map((r) => r.topic));
    // orders.retries carries the monitor's own retry commands; the audit topic already records them.
    expect(DEMO_TOPICS.filter((t) => !read.has(t) && t !== 'orders.retries')).toEqual([]);
  });

  it('gives every demo event type a rule, except status updates', () => {
    const types = Object.keys(EVENT_TOPICS).filter((t) => !STATUS_ONLY_EVENTS.includes(t as EventType));
    expect(types.filter((t) => !rules().some((r) => matches(r, t)))).toEqual([]);
  });

  it('does not take a status update on the output topic for a completion', () => {
    for (const t of STATUS_ONLY_EVENTS) expect(rules().filter((r) => matches(r, t))).toEqual([]);
  });

  it('declares the steps the demo runs, in order', () => {
    const steps = Object.fromEntries(config().sagas.map((s) => [s.type, s.steps]));
    expect(steps).toEqual({ 'order-fulfilment': [...ORDER_STEP_NAMES], 'trip-booking': [...TRIP_STEP_NAMES] });
    expect(ORDER_STEPS.map((d) => d.step)).toEqual([...ORDER_STEP_NAMES]);
  });

  it('lets stuck sagas show within the first minute', () => {
    for (const s of config().sagas) {
      expect(s.stuckAfterMs).toBeLessThanOrEqual(30_000);
      for (const r of s.rules) expect(r.timeoutMs ?? r.triggers?.timeoutMs ?? 0).toBeLessThanOrEqual(10_000);
    }
  });
});
