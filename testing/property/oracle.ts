/**
 * The oracle: what the monitor must show for one saga, written from README.md alone ("The saga event contract": rule
 * matching, timeline order, redelivery; which attempt a reply answers, early replies and late ones; the status table;
 * step attempts; the current step; the stuck threshold and `since`) and the rules of saga-monitor.config.json. It
 * shares no code with classify, the reducer, the causal order, the status derivation or the stuck detector. Where the
 * contract leaves a case open it throws ContractGap, so a workload never tests a guess.
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
  /** Replies that answer a start stamped after them ("a reply stamped up to 2 s before its command still answers it"). */
  earlyReplies: number;
  /** Replies that came once their step had ended, with the other outcome: each is a `conflicting-replies` finding. */
  conflictingReplies: number;
}

export class ContractGap extends Error {}

/** README: "a reply stamped up to 2 s before the command it answers still answers it". */
const EARLY_REPLY_TOLERANCE_MS = 2_000;

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

/** A step's action or its compensation, named `step:action` or `step:compensation`: the starts and replies of one kind. */
interface Roles {
  answersOn: string | null;
  starts: string[];
}

function rolesOf(r: OracleRecord, type: SagaTypeConfig): Roles {
  const roles: Roles = { answersOn: null, starts: [] };
  for (const e of effectsOf(r, type)) {
    if (e.step === undefined) continue;
    if (e.effect === 'step-completed' || e.effect === 'step-failed') roles.answersOn = `${e.step}:action`;
    if (e.effect === 'compensation-completed') roles.answersOn = `${e.step}:compensation`;
    if (e.effect === 'step-started') roles.starts.push(`${e.step}:action`);
    if (e.effect === 'compensation-started') roles.starts.push(`${e.step}:compensation`);
  }
  return roles;
}

/** Sort keys compared element by element; a key that is the start of another goes first. */
function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/**
 * The order the state is folded in: "by timestamp, except that a reply goes after the start it answers". Which start a
 * reply answers is read from its step's own records by timestamp: "the attempt still open before it", else "the next
 * start of its step stamped up to 2 s after it"; when that start lies later than the reply, the reply goes right
 * behind it (replies behind one start keep their own order).
 */
export function causalTimeline<R extends OracleRecord>(records: readonly R[], type: SagaTypeConfig): { line: R[]; early: number } {
  const line = timeline(records);
  const roles = new Map(line.map((r) => [r, rolesOf(r, type)]));
  const kinds = new Set(line.flatMap((r) => [roles.get(r)!.answersOn, ...roles.get(r)!.starts]).filter((k) => k !== null));
  const answers = new Map<R, R>();
  for (const kind of kinds) {
    let open: R | null = null;
    let early: R[] = [];
    for (const r of line) {
      const ro = roles.get(r)!;
      if (ro.answersOn === kind) {
        if (open) answers.set(r, open);
        else early.push(r);
        open = null;
      }
      if (!ro.starts.includes(kind)) continue;
      const answering = early.filter((x) => r.timestamp - x.timestamp <= EARLY_REPLY_TOLERANCE_MS);
      for (const x of answering) answers.set(x, r);
      early = [];
      open = answering.length > 0 ? null : r;
    }
  }
  const keys = new Map<R, number[]>();
  const keyOf = (r: R, depth: number): number[] => {
    if (depth > line.length) throw new ContractGap(`replies that answer each other, at ${r.topic}/${r.partition}/${r.offset}`);
    const known = keys.get(r);
    if (known) return known;
    const own = [r.timestamp, r.order];
    const start = answers.get(r);
    const behind = start ? keyOf(start, depth + 1) : null;
    const key = behind && compareKeys(behind, own) > 0 ? [...behind, ...own] : own;
    keys.set(r, key);
    return key;
  };
  let early = 0;
  for (const r of line) if (keyOf(r, 0).length > 2) early += 1;
  return { line: [...line].sort((a, b) => compareKeys(keyOf(a, 0), keyOf(b, 0))), early };
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
  conflictingReplies = 0;
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
    for (const e of effectsOf(r, this.type)) this.apply(e);
  }

  private apply(e: Effect): void {
    if (e.effect === 'complete') this.completed = true;
    if (e.effect === 'fail') this.failRecord = true;
    if (e.step === undefined) return;
    const s = this.steps.find((x) => x.name === e.step)!;
    switch (e.effect) {
      case 'step-started':
        s.attempts += 1;
        // "A step started again once its compensation started (a retry that raced the failure after it) counts as an
        // attempt and changes nothing else."
        if (s.compensation !== 'none') return;
        // "attempts counts its step-started records": a start after the step ended (a retry that raced the reply)
        // is a new attempt, running until its own reply; "a start while an attempt is open replaces it".
        s.status = 'running';
        s.timeoutMs = e.timeoutMs ?? null;
        s.started = this.position;
        break;
      case 'step-completed':
      case 'step-failed': {
        const to = e.effect === 'step-completed' ? 'completed' : 'failed';
        // "The first reply to an attempt ends it": in the fold order the attempt it answers is the running one; "a reply
        // with no attempt to answer ends a step not started yet as it says".
        if (s.compensation === 'none' && (s.status === 'running' || s.status === 'pending')) {
          s.status = to;
          s.ended = this.position;
          break;
        }
        // "A later reply changes nothing: a repeat counts once, the opposite outcome is a conflicting-replies finding."
        if ((s.status === 'completed' || s.status === 'failed') && s.status !== to) this.conflictingReplies += 1;
        return;
      }
      case 'compensation-started':
        // "A compensation started again after it completed (a retry that raced its reply) changes nothing."
        if (s.compensation !== 'none') return;
        s.compensation = 'running';
        s.compensationStarted = this.position;
        break;
      case 'compensation-completed':
        if (s.compensation === 'done') return;
        // "A compensation reply without its command completes it."
        if (s.compensation === 'none') s.compensationStarted = this.position;
        s.compensation = 'done';
        s.compensationEnded = this.position;
        break;
    }
    this.lastMoved = s.name;
  }

  /** The status table, read top to bottom; the current step is the one the saga waits on, else the last that moved. */
  view(): Omit<Expectation, 'attempts' | 'lastEventAt' | 'earlyReplies' | 'conflictingReplies'> {
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
      // "A fail record says the saga gave up: a completed step whose compensation never started is owed none any more."
      if (owed && !this.failRecord) return at('compensating', owed.name, false);
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
  const { line, early } = causalTimeline(records, type);
  for (const r of line) facts.add(r);
  const attempts = Object.fromEntries(facts.steps.map((s) => [s.name, s.attempts]));
  return { ...facts.view(), attempts, lastEventAt: facts.lastEventAt, earlyReplies: early, conflictingReplies: facts.conflictingReplies };
}

/** "Not finished and nothing happened to it for longer than its threshold"; `since` is last event + threshold. */
export function isStuckAt(e: Expectation, now: number): boolean {
  return !e.finished && now >= e.lastEventAt + e.thresholdMs;
}

/** After each read that brought something new: when the saga would turn stuck (null once finished) and when the next came. */
export interface Wait {
  at: number;
  since: number | null;
  until: number;
}

/** "Not finished and nothing happened to it for longer than its threshold"; `since` is its last event + threshold. */
function stuckSince(records: readonly OracleRecord[], type: SagaTypeConfig): number | null {
  const e = expectSaga(records, type);
  return e.finished ? null : e.lastEventAt + e.thresholdMs;
}

/**
 * The waits of a saga as the monitor reads it: after each time something new was read, from all it has read by then,
 * until the next new record is read (a record read again changes nothing). Record times and read times differ when
 * producers' clocks do, so this is what the monitor's clock can judge.
 */
export function readWaits<R extends OracleRecord>(reads: ReadonlyArray<{ at: number; record: R }>, type: SagaTypeConfig): Wait[] {
  const key = (r: OracleRecord) => `${r.topic}/${r.partition}/${r.offset}`;
  const seen = new Map<string, R>();
  const out: Wait[] = [];
  for (let i = 0; i < reads.length; ) {
    const at = reads[i].at;
    let grew = false;
    for (; i < reads.length && reads[i].at === at; i++) {
      if (seen.has(key(reads[i].record))) continue;
      seen.set(key(reads[i].record), reads[i].record);
      grew = true;
    }
    if (!grew) continue;
    let next = i;
    while (next < reads.length && seen.has(key(reads[next].record))) next++;
    out.push({ at, since: stuckSince([...seen.values()], type), until: reads[next]?.at ?? Infinity });
  }
  return out;
}
