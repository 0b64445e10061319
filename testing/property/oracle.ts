/**
 * The oracle: what the monitor must show for one saga, written from README.md alone ("The saga event contract": rule
 * matching, timeline order, redelivery; the status table; step attempts; the current step; the stuck threshold and
 * `since`) and the rules of saga-monitor.config.json. It shares no code with classify, the reducer, the status derivation or the stuck
 * detector. Where the contract leaves a case open it throws ContractGap, so a workload never tests a guess.
 */
import type { SagaTypeConfig } from '../../lib/config/schema';

export interface OracleRecord {
  topic: string;
  partition: number;
  offset: string;
  timestamp: number;
  eventType: string | null;
  /** True production order within the saga: "causes before consequences" at equal timestamps. */
  order: number;
}

export type ExpectedStatus = 'in_progress' | 'completed' | 'failed' | 'compensating' | 'compensated';

export interface Expectation {
  /** The status without `stuck`, which depends on the clock (see isStuckAt). */
  status: ExpectedStatus;
  currentStep: string | null;
  attempts: Record<string, number>;
  finished: boolean;
  lastEventAt: number;
  thresholdMs: number;
}

/** A span in which the saga is stuck: from its last event plus its threshold until its next record. */
export interface Episode {
  since: number;
  until: number;
}

export class ContractGap extends Error {}

interface Effect {
  effect: string;
  step: string | undefined;
  timeoutMs: number | undefined;
}

interface StepFacts {
  name: string;
  status: 'pending' | 'running' | 'completed' | 'failed';
  attempts: number;
  timeoutMs: number | null;
  compensation: 'none' | 'running' | 'done';
  compensable: boolean;
  /** Timeline positions of the latest start, end, compensation start and compensation end. */
  started: number;
  ended: number;
  compensationStarted: number;
  compensationEnded: number;
}

/** "A rule matches on topic and, when given, event type; the first match wins"; a rule's triggers are its second effect. */
function effectsOf(r: OracleRecord, type: SagaTypeConfig): Effect[] {
  const rule = type.rules.find((x) => x.topic === r.topic && (x.eventType === undefined || x.eventType === r.eventType));
  if (!rule) return [];
  const out: Effect[] = [{ effect: rule.effect, step: rule.step, timeoutMs: rule.timeoutMs }];
  if (rule.triggers) out.push({ effect: rule.triggers.effect, step: rule.triggers.step, timeoutMs: rule.triggers.timeoutMs });
  return out;
}

/** "A completed step that has a compensation rule" is owed a compensation once the saga compensates. */
function hasCompensationRule(type: SagaTypeConfig, step: string): boolean {
  return type.rules.some(
    (r) =>
      ((r.effect === 'compensation-started' || r.effect === 'compensation-completed') && r.step === step) ||
      (r.triggers?.effect === 'compensation-started' && r.triggers.step === step),
  );
}

function latest(steps: StepFacts[], at: (s: StepFacts) => number): StepFacts | null {
  return steps.reduce<StepFacts | null>((best, s) => (best === null || at(s) > at(best) ? s : best), null);
}

/** The saga's timeline: each record once ("a redelivered record changes nothing"), by timestamp, causes first. */
export function timeline<R extends OracleRecord>(records: readonly R[]): R[] {
  const seen = new Map<string, R>();
  for (const r of records) seen.set(`${r.topic}/${r.partition}/${r.offset}`, r);
  return [...seen.values()].sort((a, b) => a.timestamp - b.timestamp || a.order - b.order);
}

class SagaFacts {
  readonly steps: StepFacts[];
  completed = false;
  failRecord = false;
  lastEventAt = -Infinity;
  private position = 0;
  private lastMoved: string | null = null;

  constructor(private readonly type: SagaTypeConfig) {
    this.steps = type.steps.map((name) => ({
      name,
      status: 'pending',
      attempts: 0,
      timeoutMs: null,
      compensation: 'none',
      compensable: hasCompensationRule(type, name),
      started: -1,
      ended: -1,
      compensationStarted: -1,
      compensationEnded: -1,
    }));
  }

  add(r: OracleRecord): void {
    this.position += 1;
    this.lastEventAt = Math.max(this.lastEventAt, r.timestamp);
    for (const e of effectsOf(r, this.type)) this.apply(e, r);
  }

  private apply(e: Effect, r: OracleRecord): void {
    if (e.effect === 'complete') this.completed = true;
    if (e.effect === 'fail') this.failRecord = true;
    if (e.step === undefined) return;
    const s = this.steps.find((x) => x.name === e.step)!;
    const gap = (what: string) => new ContractGap(`${what}: ${e.effect} of ${s.name} at ${r.topic}/${r.partition}/${r.offset}`);
    switch (e.effect) {
      case 'step-started':
        if (s.compensation !== 'none') throw gap('a step started again after its compensation');
        // "attempts counts its step-started records": a start after the step ended (a retry that raced the reply)
        // is a new attempt, running until its own reply.
        s.attempts += 1;
        s.status = 'running';
        s.timeoutMs = e.timeoutMs ?? null;
        s.started = this.position;
        break;
      case 'step-completed':
      case 'step-failed': {
        const to = e.effect === 'step-completed' ? 'completed' : 'failed';
        // "A reply that repeats how the step already ended (a late reply after a retry) counts once."
        if (s.status === to) return;
        if (s.status !== 'running') throw gap(`a ${to} reply to a ${s.status} step`);
        s.status = to;
        s.ended = this.position;
        break;
      }
      case 'compensation-started':
        // "A compensation started again after it completed (a retry that raced its reply) changes nothing."
        if (s.compensation !== 'none') return;
        s.compensation = 'running';
        s.compensationStarted = this.position;
        break;
      case 'compensation-completed':
        if (s.compensation === 'done') return;
        if (s.compensation === 'none') throw gap('a compensation completed that never started');
        s.compensation = 'done';
        s.compensationEnded = this.position;
        break;
    }
    this.lastMoved = s.name;
  }

  /** The status table, read top to bottom; the current step is the one the saga waits on, else the last that moved. */
  view(): Omit<Expectation, 'attempts' | 'lastEventAt'> {
    const at = (status: ExpectedStatus, currentStep: string | null, finished: boolean, thresholdMs = this.type.stuckAfterMs) => ({
      status,
      currentStep,
      finished,
      thresholdMs,
    });
    if (this.completed) return at('completed', null, true);
    const compensations = this.steps.filter((s) => s.compensation !== 'none');
    if (compensations.length > 0) {
      const running = latest(
        compensations.filter((s) => s.compensation === 'running'),
        (s) => s.compensationStarted,
      );
      if (running) return at('compensating', running.name, false);
      // Compensations run one after another, newest step first.
      const owed = latest(
        this.steps.filter((s) => s.compensable && s.status === 'completed' && s.compensation === 'none'),
        (s) => s.ended,
      );
      if (owed && this.failRecord) throw new ContractGap(`a fail record while the compensation of ${owed.name} is owed`);
      if (owed) return at('compensating', owed.name, false);
      return at('compensated', latest(compensations, (s) => s.compensationEnded)!.name, true);
    }
    const failed = latest(
      this.steps.filter((s) => s.status === 'failed'),
      (s) => s.ended,
    );
    // "failed: after a fail effect, or a failed step with nothing compensated".
    if (failed || this.failRecord) return at('failed', failed?.name ?? this.lastMoved, this.failRecord);
    const running = latest(
      this.steps.filter((s) => s.status === 'running'),
      (s) => s.started,
    );
    // The threshold is "the timeoutMs of the step it waits on": only a step's reply has one.
    if (running) return at('in_progress', running.name, false, running.timeoutMs ?? this.type.stuckAfterMs);
    return at('in_progress', this.lastMoved, false);
  }
}

export function expectSaga(records: readonly OracleRecord[], type: SagaTypeConfig): Expectation {
  const facts = new SagaFacts(type);
  for (const r of timeline(records)) facts.add(r);
  const attempts = Object.fromEntries(facts.steps.map((s) => [s.name, s.attempts]));
  return { ...facts.view(), attempts, lastEventAt: facts.lastEventAt };
}

/** "Not finished and nothing happened to it for longer than its threshold"; `since` is last event + threshold. */
export function isStuckAt(e: Expectation, now: number): boolean {
  return !e.finished && now >= e.lastEventAt + e.thresholdMs;
}

/** After each distinct record time: when the saga would turn stuck (null once finished) and when its next record came. */
export interface Wait {
  at: number;
  since: number | null;
  until: number;
}

export function waits(records: readonly OracleRecord[], type: SagaTypeConfig): Wait[] {
  const facts = new SagaFacts(type);
  const line = timeline(records);
  const out: Wait[] = [];
  line.forEach((r, i) => {
    facts.add(r);
    const until = line[i + 1]?.timestamp ?? Infinity;
    if (until === r.timestamp) return;
    const v = facts.view();
    out.push({ at: r.timestamp, since: v.finished ? null : r.timestamp + v.thresholdMs, until });
  });
  return out;
}

/** Every span in which the saga is stuck: its next record came no earlier than its threshold allowed. */
export function stuckEpisodes(records: readonly OracleRecord[], type: SagaTypeConfig): Episode[] {
  return waits(records, type).flatMap((w) => (w.since !== null && w.until >= w.since ? [{ since: w.since, until: w.until }] : []));
}
