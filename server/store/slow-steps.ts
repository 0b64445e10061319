import { DEFAULT_SLOW_STEPS, type SagaTypeConfig, type SlowStepsConfig } from '../../lib/config/schema';
import type { CompiledConfig } from '../../lib/saga/compiled-config';
import { DeadlineQueue } from '../../lib/saga/deadline-queue';
import { isFinished, type SagaState, type StepState } from '../../lib/saga/saga-state';
import { slowAfterMs, slowDeadline, slowInfo, type SlowInfo } from '../../lib/saga/slow';
import { thresholdMs } from '../../lib/saga/stuck';
import type { SlowView, StepDurationsResponse } from '../../lib/wire/rest';
import { StepDurations } from './step-durations';

/** A completed attempt with both ends known: what a step duration is learned from. */
function measured(s: StepState | undefined): s is StepState & { startedAt: number; endedAt: number } {
  return s !== undefined && s.status === 'completed' && s.startedAt !== null && s.endedAt !== null;
}

/** The step whose reply the saga waits for, if it waits for one. */
function waitingStep(s: SagaState): StepState | null {
  if (isFinished(s) || s.phase !== 'step' || s.currentStep === null) return null;
  const step = s.steps.find((x) => x.name === s.currentStep);
  return step?.status === 'running' && step.startedAt !== null ? step : null;
}

/**
 * Learned per-step thresholds: learns how long each configured step takes from the completions the store applies,
 * keeps a deadline per saga waiting on a running step once its step has a threshold, and flags the saga slow when
 * the deadline passes. Stuck stays with the hard timeouts (lib/saga/stuck.ts); slow is the earlier, softer signal.
 */
export class SlowSteps {
  readonly durations: StepDurations;
  readonly slow = new Map<string, SlowInfo>();
  private readonly deadlines = new DeadlineQueue();
  private readonly cfg: SlowStepsConfig;
  /**
   * Sagas waiting on a step that has no threshold yet (fewer than minSamples completions, as while catching up), by
   * saga type and step: judged as soon as their step learns enough, not only at their next record. Empty once every
   * step has a threshold.
   */
  private readonly unjudged = new Map<string, Map<string, Set<string>>>();

  constructor(
    private readonly config: CompiledConfig,
    now: () => number,
    private readonly sagas: ReadonlyMap<string, SagaState>,
  ) {
    // A config built in code rather than parsed has no defaults filled in.
    this.cfg = config.config.slowSteps ?? DEFAULT_SLOW_STEPS;
    this.durations = new StepDurations(
      [...config.sagaTypes.values()].map((t) => ({ type: t.config.type, steps: t.config.steps })),
      now,
    );
  }

  /** After the store applied an event: learns the steps it completed and moves the saga's slow deadline. */
  onChange(before: SagaState | undefined, after: SagaState, type: SagaTypeConfig): void {
    let learned: string[] | null = null;
    for (let i = 0; i < after.steps.length; i++) {
      const a = after.steps[i];
      const b = before?.steps[i];
      if (a === b || !measured(a) || measured(b)) continue;
      this.durations.record(after.type, a.name, a.endedAt - a.startedAt);
      (learned ??= []).push(a.name);
    }
    const waited = before ? waitingStep(before) : null;
    if (waited) this.unjudgedAt(after.type, waited.name, false)?.delete(after.id);
    this.judge(after, type);
    if (learned) for (const step of learned) this.judgeWaiting(after.type, step);
  }

  /**
   * Flags every saga whose slow deadline passed and returns their ids; cost is proportional to what expired. A saga
   * already stuck is not flagged: stuck says more. The threshold is judged again with what was learned since.
   */
  expire(now: number, isStuck: (id: string) => boolean): string[] {
    const flagged: string[] = [];
    for (const { id } of this.deadlines.popExpired(now)) {
      const s = this.sagas.get(id);
      const type = s && this.config.sagaTypes.get(s.type);
      const step = s ? waitingStep(s) : null;
      if (!s || !type || !step || isStuck(id) || this.slow.has(id)) continue;
      const learned = this.durations.recentStats(s.type, step.name);
      const info = learned && slowInfo(step, learned, this.cfg);
      // Two quiet windows forgot what the step had learned: wait for it to learn again.
      if (!info) this.unjudgedAt(s.type, step.name, true)!.add(id);
      if (!info || slowDeadline(step, info.thresholdMs, thresholdMs(s, type.config)) === null) continue;
      if (info.since > now) {
        this.deadlines.schedule(id, info.since);
        continue;
      }
      this.slow.set(id, info);
      flagged.push(id);
    }
    return flagged;
  }

  /** Clears a flag the saga outgrew, then schedules its deadline, or files it as unjudged while its step has no threshold. */
  private judge(s: SagaState, type: SagaTypeConfig): void {
    const id = s.id;
    const step = waitingStep(s);
    const flag = this.slow.get(id);
    // A flag belongs to one attempt of one step: it goes once the saga moves on, finishes or retries the step.
    if (flag && (step === null || flag.step !== step.name || flag.stepStartedAt !== step.startedAt)) this.slow.delete(id);
    if (step === null || this.slow.has(id)) {
      this.deadlines.cancel(id);
      return;
    }
    const learned = this.durations.recentStats(s.type, step.name);
    const after = learned && slowAfterMs(learned, this.cfg);
    const at = slowDeadline(step, after, thresholdMs(s, type));
    if (after === null) this.unjudgedAt(s.type, step.name, true)!.add(id);
    if (at === null) this.deadlines.cancel(id);
    else this.deadlines.schedule(id, at);
  }

  /** Judges the sagas waiting on a step once it has a threshold; each is judged once, so this costs O(waiting). */
  private judgeWaiting(sagaType: string, step: string): void {
    const ids = this.unjudgedAt(sagaType, step, false);
    if (!ids || ids.size === 0) return;
    const learned = this.durations.recentStats(sagaType, step);
    if (!learned || slowAfterMs(learned, this.cfg) === null) return;
    this.unjudged.get(sagaType)!.delete(step);
    for (const id of ids) {
      const s = this.sagas.get(id);
      const type = s && this.config.sagaTypes.get(s.type);
      if (s && type) this.judge(s, type.config);
    }
  }

  private unjudgedAt(sagaType: string, step: string, create: boolean): Set<string> | undefined {
    let bySteps = this.unjudged.get(sagaType);
    if (!bySteps && create) this.unjudged.set(sagaType, (bySteps = new Map<string, Set<string>>()));
    let ids = bySteps?.get(step);
    if (!ids && create) bySteps!.set(step, (ids = new Set()));
    return ids;
  }

  /** The saga is gone from the store (only finished sagas are forgotten, and those wait on nothing). */
  forget(id: string): void {
    this.slow.delete(id);
    this.deadlines.cancel(id);
  }

  view(id: string): SlowView | null {
    const f = this.slow.get(id);
    if (!f) return null;
    return { step: f.step, since: f.since, thresholdMs: f.thresholdMs, p50Ms: f.p50Ms, p99Ms: f.p99Ms, samples: f.samples, factor: f.factor };
  }

  /** GET /api/step-durations: what was learned per configured step, and the threshold it gives. */
  report(): StepDurationsResponse {
    return {
      items: this.durations.all().map(({ sagaType, step, stats }) => ({
        sagaType,
        step,
        samples: stats.samples,
        p50Ms: stats.p50Ms,
        p90Ms: stats.p90Ms,
        p99Ms: stats.p99Ms,
        maxMs: stats.maxMs,
        slowAfterMs: slowAfterMs(stats, this.cfg),
      })),
      slowSteps: { factor: this.cfg.factor, floorMs: this.cfg.floorMs, minSamples: this.cfg.minSamples },
    };
  }
}
