import type { CompiledConfig } from '../../lib/saga/compiled-config';
import { DeadlineQueue } from '../../lib/saga/deadline-queue';
import { ReadPositions } from '../../lib/saga/read-positions';
import type { SagaEvent } from '../../lib/saga/event';
import { applyEvent } from '../../lib/saga/reducer';
import { isFinished, type SagaState } from '../../lib/saga/saga-state';
import { StatsTracker } from '../../lib/saga/stats';
import { stuckDeadline, stuckInfo, type StuckInfo } from '../../lib/saga/stuck';
import { toDetail, toSummary } from '../../lib/saga/views';
import type { SagaDetail, SagaStatus, SagaSummary, StatsResponse } from '../../lib/wire/rest';
import type { StuckAlert } from '../../lib/wire/socket';
import type { AuditRecord } from '../../lib/retry/retry-wire';
import type { RawRecord } from '../../lib/saga/record';
import { FindingIndex } from './finding-index';
import { SagaIndex } from './saga-index';
import { SlowSteps } from './slow-steps';

/**
 * Finished sagas keep their timeline up to this many; older ones keep only their summary (the records can be read
 * again from Kafka). In-flight, stuck and failed sagas always keep their detail: that is what operators drill into.
 */
export const MAX_FINISHED_WITH_DETAIL = 20_000;

/**
 * A judging clock that steps back further than this (the records' clock taken over from a monitor clock running ahead,
 * lib/saga/clock-check.ts) has the stuck sagas judged again; smaller steps are a gap's jitter and change nothing.
 */
export const REJUDGE_AFTER_STEP_BACK_MS = 1_000;

export interface StoreLimits {
  /** Finished sagas held at most; past it the one that ended first is forgotten (its records stay in Kafka). */
  maxFinished?: number;
  /** Finished sagas that keep their timeline; past it the one that ended first keeps only its summary. */
  maxWithDetail?: number;
}

export interface StoreChanges {
  changed: string[];
  raised: StuckAlert[];
  resolved: string[];
}

/** The one materialized view: sagas by id, their stuck state, and the changes not yet pushed to clients. */
export class SagaStore {
  readonly sagas = new Map<string, SagaState>();
  readonly stuck = new Map<string, StuckInfo>();
  readonly stats = new StatsTracker();
  /** What is wrong with each saga besides being stuck, and how many sagas have each kind of finding. */
  readonly findings = new FindingIndex();
  /** Status, type, step and times of every saga in typed arrays, for the list query. */
  readonly index = new SagaIndex();
  /** Learned per-step durations and the slow flags they give; stuck stays with the hard timeouts. */
  readonly slowSteps: SlowSteps;
  private readonly deadlines = new DeadlineQueue();
  /** Finished sagas with their timeline, by end time then id: the first out is the one that ended first. */
  private readonly finishedWithDetail = new DeadlineQueue();
  /** What every partition was read up to, so a record read again is known as such whatever the store kept. */
  private readonly positions = new ReadPositions();
  private dirty = new Set<string>();
  private raised: StuckAlert[] = [];
  private resolved: string[] = [];
  applied = 0;
  /**
   * Grows whenever a saga becomes stuck, stops being stuck, or is refreshed while stuck (the only ways an alert or its
   * saga can change), so an encoded alert list can be reused until it moves.
   */
  alertsVersion = 0;

  /**
   * Finished sagas whose timeline was dropped, by end time then id: the two queues hold each finished saga once, and
   * past `maxFinished` in all the one that ended first is forgotten.
   */
  private readonly finishedWithoutDetail = new DeadlineQueue();
  private readonly maxFinished: number;
  private readonly maxWithDetail: number;
  /** Finished sagas forgotten to keep memory bounded (their records stay in Kafka). */
  forgotten = 0;
  /** The latest time a tick judged at. */
  private judgedUpTo = -Infinity;

  constructor(
    private readonly config: CompiledConfig,
    private readonly now: () => number,
    limits: StoreLimits = {},
  ) {
    this.maxFinished = limits.maxFinished ?? Number.POSITIVE_INFINITY;
    this.maxWithDetail = limits.maxWithDetail ?? MAX_FINISHED_WITH_DETAIL;
    this.slowSteps = new SlowSteps(config, now, this.sagas);
  }

  apply(event: SagaEvent): void {
    if (!this.positions.advance(event.topic, event.partition, event.offset)) return;
    const before = this.sagas.get(event.sagaId);
    // A record no rule names is a note on whichever saga owns its id (types sharing a topic read the same ids).
    const e = before && event.effect === 'observed' && before.type !== event.sagaType ? { ...event, sagaType: before.type } : event;
    const type = this.config.sagaTypes.get(e.sagaType);
    if (!type) return;
    let base = before;
    if (before && before.type !== e.sagaType) {
      // A saga id belongs to the type that first claimed it with a rule; notes alone claim nothing.
      if (before.droppedEvents > 0 || !before.events.every((x) => x.effect === 'observed')) return;
      base = undefined;
      for (const x of before.events) base = applyEvent(base, { ...x, sagaType: e.sagaType }, type.config);
    }
    const after = applyEvent(base, e, type.config);
    if (after === before) return;
    this.applied += 1;
    const statusBefore = before ? this.statusOf(before) : null;
    this.sagas.set(e.sagaId, after);
    this.findings.update(after, type.config);
    this.dirty.add(e.sagaId);
    this.slowSteps.onChange(before, after, type.config);
    const deadline = stuckDeadline(after, type.config);
    if (deadline === null) this.deadlines.cancel(e.sagaId);
    else this.deadlines.schedule(e.sagaId, deadline);
    if (this.stuck.has(e.sagaId) && (deadline === null || deadline > this.now())) {
      this.stuck.delete(e.sagaId);
      this.alertsVersion += 1;
      this.resolved.push(e.sagaId);
    } else if (this.stuck.has(e.sagaId) && deadline !== null) {
      // Still past its deadline (a record read late): refresh what it waits for, and tell clients the new reason.
      const info = stuckInfo(after, type.config, deadline);
      this.stuck.set(e.sagaId, info);
      this.alertsVersion += 1;
      this.raised.push({ ...info, sagaId: e.sagaId, sagaType: after.type });
    }
    this.index.set(after, this.statusOf(after));
    this.recordTransition(after, statusBefore);
    if (isFinished(after)) this.trimFinished(after);
    else if (before && isFinished(before)) {
      // Reopened by a record read late: in flight again, held with its timeline.
      this.finishedWithDetail.cancel(after.id);
      this.finishedWithoutDetail.cancel(after.id);
    }
  }

  /** Puts a manual retry, read back from the audit topic, on its saga's timeline. */
  applyAudit(a: AuditRecord, record: RawRecord): void {
    this.apply({
      sagaId: a.sagaId,
      sagaType: a.sagaType,
      effect: 'retry',
      step: a.step,
      eventType: a.type,
      timeoutMs: null,
      triggers: null,
      ruleIndex: null,
      topic: record.topic,
      partition: record.partition,
      offset: record.offset,
      timestamp: record.timestamp,
      key: record.key,
      headers: record.headers,
      value: record.value,
      valueTruncated: false,
    });
  }

  /** Raises stuck alerts for every saga whose deadline has passed; cost is proportional to what expired. */
  tick(): void {
    const now = this.now();
    if (now < this.judgedUpTo - REJUDGE_AFTER_STEP_BACK_MS) this.rejudge(now);
    this.judgedUpTo = now;
    for (const { id, at } of this.deadlines.popExpired(now)) {
      const s = this.sagas.get(id);
      const type = s && this.config.sagaTypes.get(s.type);
      if (!s || !type || isFinished(s) || this.stuck.has(id)) continue;
      const before = this.statusOf(s);
      const info = stuckInfo(s, type.config, at);
      this.stuck.set(id, info);
      this.alertsVersion += 1;
      this.index.setStatus(id, 'stuck');
      this.raised.push({ ...info, sagaId: id, sagaType: s.type });
      this.dirty.add(id);
      this.recordTransition(s, before);
    }
    for (const id of this.slowSteps.expire(now, (x) => this.stuck.has(x))) this.dirty.add(id);
    this.stats.sampleStuck(now);
  }

  /** Resolves the stuck sagas whose deadline lies ahead of `now` again; they wait on their deadline once more. */
  private rejudge(now: number): void {
    for (const id of [...this.stuck.keys()]) {
      const s = this.sagas.get(id);
      const type = s && this.config.sagaTypes.get(s.type);
      const deadline = s && type ? stuckDeadline(s, type.config) : null;
      if (!s || deadline === null || deadline <= now) continue;
      this.stuck.delete(id);
      this.alertsVersion += 1;
      this.resolved.push(id);
      this.deadlines.schedule(id, deadline);
      this.index.setStatus(id, s.status);
      this.dirty.add(id);
      this.recordTransition(s, 'stuck');
    }
  }

  drainChanges(): StoreChanges {
    const out = { changed: [...this.dirty], raised: this.raised, resolved: this.resolved };
    this.dirty = new Set();
    this.raised = [];
    this.resolved = [];
    return out;
  }

  summary(id: string): SagaSummary | null {
    const s = this.sagas.get(id);
    return s ? this.withSlow(toSummary(s, this.stuck.get(id)?.since ?? null, this.findings.kindsOf(id))) : null;
  }

  detail(id: string): SagaDetail | null {
    const s = this.sagas.get(id);
    return s ? this.withSlow(toDetail(s, this.stuck.get(id) ?? null, this.findings.of(id))) : null;
  }

  private withSlow<T extends Pick<SagaSummary, 'id' | 'slow'>>(summary: T): T {
    summary.slow = this.slowSteps.view(summary.id);
    return summary;
  }

  /** The stats body: transition counts plus what the store knows of findings and slow steps right now. */
  statsSnapshot(now: number): StatsResponse {
    let slow = 0;
    for (const id of this.slowSteps.slow.keys()) if (!this.stuck.has(id)) slow += 1;
    return { ...this.stats.snapshot(now), findings: this.findings.counts(), slow };
  }

  alerts(): StuckAlert[] {
    return [...this.stuck.entries()].map(([id, info]) => ({ ...info, sagaId: id, sagaType: this.sagas.get(id)?.type ?? '' }));
  }

  private statusOf(s: SagaState): SagaStatus {
    return this.stuck.has(s.id) ? 'stuck' : s.status;
  }

  private recordTransition(after: SagaState, before: SagaStatus | null): void {
    const to = this.statusOf(after);
    if (to === before) return;
    this.stats.record({
      sagaId: after.id,
      type: after.type,
      from: before,
      to,
      at: before === null ? after.startedAt : (after.endedAt ?? after.updatedAt),
      durationMs: after.endedAt !== null ? after.endedAt - after.startedAt : null,
      finished: isFinished(after),
    });
  }

  /** A topic deleted, or deleted and created again, numbers its records from its start again. */
  forgetPositions(topic: string): void {
    this.positions.forget(topic);
  }

  private trimFinished(after: SagaState): void {
    const at = after.endedAt ?? after.updatedAt;
    this.finishedWithoutDetail.cancel(after.id);
    this.finishedWithDetail.schedule(after.id, at);
    while (this.finishedWithDetail.size > this.maxWithDetail) {
      const first = this.finishedWithDetail.peek()!;
      this.finishedWithDetail.cancel(first.id);
      const s = this.sagas.get(first.id)!;
      this.sagas.set(first.id, { ...s, events: [], droppedEvents: s.droppedEvents + s.events.length, truncated: true });
      this.finishedWithoutDetail.schedule(first.id, first.at);
    }
    while (this.finishedWithDetail.size + this.finishedWithoutDetail.size > this.maxFinished) {
      const a = this.finishedWithoutDetail.peek();
      const b = this.finishedWithDetail.peek();
      const first = !b || (a && (a.at < b.at || (a.at === b.at && a.id < b.id))) ? a! : b;
      this.finishedWithoutDetail.cancel(first.id);
      this.finishedWithDetail.cancel(first.id);
      this.forget(first.id);
    }
  }

  /** Drops a finished saga to keep memory bounded; its records stay in Kafka and a record read again changes nothing. */
  private forget(id: string): void {
    this.sagas.delete(id);
    this.index.delete(id);
    this.dirty.delete(id);
    this.forgotten += 1;
    this.findings.forget(id);
    this.stats.forget(id);
    this.slowSteps.forget(id);
  }
}
