import type { EventView, Finding, FindingKind, SagaDetail, SagaSummary, StepView } from '../wire/rest';
import type { SagaEvent } from './event';
import type { SagaState } from './saga-state';
import type { StuckInfo } from './stuck';

export function toSummary(s: SagaState, stuckSince: number | null, findings: FindingKind[] = []): SagaSummary {
  return {
    id: s.id,
    type: s.type,
    status: stuckSince !== null ? 'stuck' : s.status,
    currentStep: s.currentStep,
    phase: s.phase,
    startedAt: s.startedAt,
    updatedAt: s.updatedAt,
    endedAt: s.endedAt,
    durationMs: s.endedAt !== null ? s.endedAt - s.startedAt : null,
    stuckSince,
    eventCount: s.eventCount,
    findings,
  };
}

function toEventView(e: SagaEvent): EventView {
  return {
    topic: e.topic,
    partition: e.partition,
    offset: e.offset,
    timestamp: e.timestamp,
    eventType: e.eventType,
    effect: e.effect,
    step: e.step,
    key: e.key,
    headers: e.headers,
    value: e.value,
    valueTruncated: e.valueTruncated,
  };
}

export function toDetail(s: SagaState, stuck: StuckInfo | null, findings: Finding[] = []): SagaDetail {
  const steps: StepView[] = s.steps.map((x) => ({ ...x }));
  return {
    ...toSummary(s, stuck?.since ?? null),
    steps,
    events: s.events.map(toEventView),
    droppedEvents: s.droppedEvents,
    stuck,
    findings,
  };
}
