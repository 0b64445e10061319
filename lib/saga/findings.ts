import type { SagaTypeConfig } from '../config/schema';
import { type Finding } from '../wire/rest';
import { causalOrder } from './causal-order';
import { commandFindings } from './finding-commands';
import { mayHaveTimelineFindings, stepTracks, type Lane, type LaneItem } from './finding-lanes';
import { conflictingReplies } from './finding-replies';
import { evidenceOf, nameOf } from './finding-text';
import { recordKey } from './record';
import { isFinished, type SagaState } from './saga-state';
import { FINDING_KINDS } from '../vocabulary';

/**
 * Findings kept per saga. One saga rarely has more than a few; a reused saga id (a hot key) could repeat one finding
 * hundreds of times, which tells an operator nothing the first ones do not.
 */
export const MAX_FINDINGS_PER_SAGA = 20;

/**
 * A saga that finished as failed (a fail record, no complete record) while a step it completed, whose rules name a
 * compensation, never started that compensation. Read from the steps, so it survives a dropped timeline.
 */
function uncompensated(s: SagaState): Finding[] {
  if (s.failedAt === null || s.completedAt !== null || !isFinished(s)) return [];
  const owed = s.steps.filter((x) => x.compensable && x.status === 'completed');
  if (owed.length === 0) return [];
  const fail = s.events.find((e) => e.effect === 'fail' && e.timestamp === s.failedAt) ?? s.events.find((e) => e.effect === 'fail');
  const failedWith = fail ? nameOf(fail) : 'a fail record';
  return owed.map((x) => {
    const done = s.events.findLast((e) => e.effect === 'step-completed' && e.step === x.name);
    return {
      kind: 'uncompensated' as const,
      step: x.name,
      at: s.failedAt!,
      message: `Step ${x.name} completed${done ? ` with ${nameOf(done)}` : ''} but was never compensated, and the saga failed with ${failedWith}.`,
      evidence: evidenceOf([done, fail].filter((e) => e !== undefined)),
    };
  });
}

const START_EFFECT: Record<Lane, 'step-started' | 'compensation-started'> = { step: 'step-started', compensation: 'compensation-started' };
/** Lanes some rule can start, as `step/lane`, per saga type. */
const STARTABLE = new WeakMap<SagaTypeConfig, ReadonlySet<string>>();

/** Whether any rule can start the lane: when none can, every reply comes without a start and says nothing. */
function canStart(config: SagaTypeConfig, step: string, lane: Lane): boolean {
  let startable = STARTABLE.get(config);
  if (!startable) {
    const lanes = new Set<string>();
    for (const r of config.rules) {
      for (const l of ['step', 'compensation'] as const) {
        if (r.effect === START_EFFECT[l] && r.step !== undefined) lanes.add(`${r.step}/${l}`);
        if (r.triggers?.effect === START_EFFECT[l]) lanes.add(`${r.triggers.step}/${l}`);
      }
    }
    STARTABLE.set(config, (startable = lanes));
  }
  return startable.has(`${step}/${lane}`);
}

/** The first reply of a lane with no start before it on the timeline; later ones share its cause. */
function replyWithoutRequest(step: string, lane: Lane, items: readonly LaneItem[]): Finding | null {
  const first = items[0];
  if (first?.kind !== 'reply') return null;
  const work = lane === 'step' ? `step ${step}` : `the compensation of step ${step}`;
  const what = lane === 'step' ? 'the step' : 'the compensation';
  return {
    kind: 'reply-without-request',
    step,
    at: first.e.timestamp,
    message: `${nameOf(first.e)} replied to ${work}, but no record that starts ${what} is on the timeline before it.`,
    evidence: evidenceOf([first.e]),
  };
}

/** By time, then kind; the sort is stable, so ties keep the saga type's step order. */
function ordered(findings: Finding[]): Finding[] {
  const rank = (f: Finding) => FINDING_KINDS.indexOf(f.kind);
  return findings.sort((a, b) => a.at - b.at || rank(a) - rank(b)).slice(0, MAX_FINDINGS_PER_SAGA);
}

/**
 * What is wrong with a saga even when it is not stuck, from its state and timeline; cost is linear in its events.
 * Lanes are read in causal order, as the reducer folds them: a reply stamped a little before its command follows it.
 * A reply without a request is not looked for on a truncated timeline: the start may be among the dropped events.
 * `screen` false searches the lanes of every timeline, not only those the screen lets through (tests compare both).
 */
export function computeFindings(s: SagaState, config: SagaTypeConfig, screen = true): Finding[] {
  const out = uncompensated(s);
  if (screen && !mayHaveTimelineFindings(s.events, config.steps)) return ordered(out);
  const tracks = stepTracks(causalOrder(s.events));
  for (const step of config.steps) {
    const t = tracks.get(step);
    if (!t) continue;
    if (!s.truncated) {
      for (const lane of ['step', 'compensation'] as const) {
        const f = canStart(config, step, lane) ? replyWithoutRequest(step, lane, t[lane]) : null;
        if (f) out.push(f);
      }
    }
    commandFindings(step, t, out);
    conflictingReplies(step, t.step, out);
  }
  return ordered(out);
}

const identity = (f: Finding) => `${f.kind}|${f.step}|${f.at}`;

/**
 * Findings after a state change, given those before it. While the timeline is whole, what it shows is the answer. Once
 * events were dropped, a finding whose records are gone cannot be found again, so it is kept; a reply without a
 * request found while the timeline was whole is kept too, since its absence now proves nothing.
 */
export function mergeFindings(previous: readonly Finding[], next: Finding[], s: SagaState): Finding[] {
  if (!s.truncated || previous.length === 0) return next;
  const onTimeline = new Set(s.events.map(recordKey));
  const out = next.slice();
  for (const f of previous) {
    const i = out.findIndex((x) => identity(x) === identity(f));
    if (i >= 0) {
      // Found again without the records that were dropped: keep the version that names them.
      if (out[i].evidence.length < f.evidence.length) out[i] = f;
      continue;
    }
    if (f.kind === 'uncompensated') continue;
    if (f.kind === 'reply-without-request' || f.evidence.some((r) => !onTimeline.has(recordKey(r)))) out.push(f);
  }
  return ordered(out);
}
