import { z } from 'zod';
import { RetryAccepted, RetryPlanView } from '../retry/retry-wire';
import { TopicConsumers } from './consumers';
import { EVENT_EFFECTS, FINDING_KINDS, PHASES, REJECT_REASONS, SAGA_STATUSES, STEP_STATUSES } from '../vocabulary';

/** REST catalog: every body the server sends and every query it accepts. Times are epoch milliseconds. */

export const SagaStatus = z.enum(SAGA_STATUSES);
export type SagaStatus = z.infer<typeof SagaStatus>;

/** What can be wrong with a saga even when it is not stuck (lib/saga/findings.ts says when each is reported). */
export const FindingKind = z.enum(FINDING_KINDS);
export type FindingKind = z.infer<typeof FindingKind>;

/** A Kafka record by its coordinates: the monitor keeps no more, the record itself can be read again from Kafka. */
export const RecordRef = z.object({ topic: z.string(), partition: z.number(), offset: z.string() });
export type RecordRef = z.infer<typeof RecordRef>;

export const Finding = z.object({
  kind: FindingKind,
  step: z.string().nullable(),
  /** Time of the record that shows the problem. */
  at: z.number(),
  message: z.string(),
  /** The records that show it, in timeline order. */
  evidence: z.array(RecordRef),
});
export type Finding = z.infer<typeof Finding>;

/** A step waiting longer than its learned threshold: max(floorMs, factor x p99) of that step's recent completions. */
export const SlowView = z.object({
  step: z.string(),
  /** When the step crossed its threshold: its start + thresholdMs. */
  since: z.number(),
  thresholdMs: z.number(),
  p50Ms: z.number(),
  p99Ms: z.number(),
  /** Completions the percentiles were learned from. */
  samples: z.number(),
  factor: z.number(),
});
export type SlowView = z.infer<typeof SlowView>;

export const SagaSummary = z.object({
  id: z.string(),
  type: z.string(),
  status: SagaStatus,
  currentStep: z.string().nullable(),
  phase: z.enum(PHASES).nullable(),
  startedAt: z.number(),
  updatedAt: z.number(),
  endedAt: z.number().nullable(),
  /** endedAt - startedAt once finished, else null. */
  durationMs: z.number().nullable(),
  stuckSince: z.number().nullable(),
  eventCount: z.number(),
  /** Kinds of the saga's findings, for a list badge; empty when none, absent from servers without findings. */
  findings: z.array(FindingKind).optional(),
  /** Set while the saga waits on a step for longer than learned; absent from servers without learned thresholds. */
  slow: SlowView.nullable().optional(),
});
export type SagaSummary = z.infer<typeof SagaSummary>;

export const StepView = z.object({
  name: z.string(),
  status: z.enum(STEP_STATUSES),
  startedAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  attempts: z.number(),
  timeoutMs: z.number().nullable(),
  compensationStartedAt: z.number().nullable(),
  compensationEndedAt: z.number().nullable(),
  compensable: z.boolean(),
});
export type StepView = z.infer<typeof StepView>;

export const EventView = z.object({
  topic: z.string(),
  partition: z.number(),
  offset: z.string(),
  timestamp: z.number(),
  eventType: z.string().nullable(),
  effect: z.enum(EVENT_EFFECTS),
  step: z.string().nullable(),
  key: z.string().nullable(),
  headers: z.record(z.string(), z.string()),
  value: z.string().nullable(),
  valueTruncated: z.boolean(),
});
export type EventView = z.infer<typeof EventView>;

export const WaitingFor = z.object({ topic: z.string(), eventType: z.string().nullable() });

export const StuckView = z.object({
  since: z.number(),
  step: z.string().nullable(),
  phase: z.enum(PHASES).nullable(),
  thresholdMs: z.number(),
  reason: z.string(),
  waitingFor: z.array(WaitingFor),
});
export type StuckView = z.infer<typeof StuckView>;

export const SagaDetail = SagaSummary.extend({
  steps: z.array(StepView),
  events: z.array(EventView),
  droppedEvents: z.number(),
  stuck: StuckView.nullable(),
  findings: z.array(Finding).optional(),
  /** Consumers of the topics the saga's next answer is read from; absent on finished sagas (and older servers). */
  consumers: z.array(TopicConsumers).optional(),
});
export type SagaDetail = z.infer<typeof SagaDetail>;

/** Largest page the list endpoint serves; bigger pages would block the event loop while they serialize. */
export const MAX_PAGE_SIZE = 1000;
export const DEFAULT_PAGE_SIZE = 50;

const csv = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .transform((s) => s.split(',').map((x) => x.trim()).filter((x) => x.length > 0))
    .pipe(z.array(item).min(1));

export const SagaListQuery = z.strictObject({
  status: csv(SagaStatus).optional(),
  type: csv(z.string().min(1)).optional(),
  step: csv(z.string().min(1)).optional(),
  q: z.string().max(200).optional(),
  sort: z.enum(['updated', 'started']).default('updated'),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  cursor: z.string().max(500).optional(),
  /** Sagas with any of these findings. */
  finding: csv(FindingKind).optional(),
});
export type SagaListQuery = z.infer<typeof SagaListQuery>;

export const SagaListResponse = z.object({
  items: z.array(SagaSummary),
  total: z.number(),
  nextCursor: z.string().nullable(),
});
export type SagaListResponse = z.infer<typeof SagaListResponse>;

export const StatusCounts = z.record(SagaStatus, z.number());

export const ThroughputPoint = z.object({ t: z.number(), started: z.number(), completed: z.number(), failed: z.number() });
export type ThroughputPoint = z.infer<typeof ThroughputPoint>;

export const DurationStats = z.object({ count: z.number(), p50: z.number().nullable(), p95: z.number().nullable(), p99: z.number().nullable() });

/** GET /api/aging: in-flight sagas by where they wait and for how long since their last event. */
export const AgingResponse = z.object({
  at: z.number(),
  /** Bucket labels, shortest wait first; every row's counts follow them. */
  buckets: z.array(z.string()),
  rows: z.array(
    z.object({
      sagaType: z.string(),
      step: z.string().nullable(),
      compensating: z.boolean(),
      counts: z.array(z.number()),
      total: z.number(),
      stuck: z.number(),
    }),
  ),
});
export type AgingResponse = z.infer<typeof AgingResponse>;

export const StatsResponse = z.object({
  at: z.number(),
  total: z.number(),
  byStatus: StatusCounts,
  byType: z.record(z.string(), z.object({ total: z.number(), byStatus: StatusCounts })),
  bucketMs: z.number(),
  throughput: z.array(ThroughputPoint),
  durations: z.record(z.string(), DurationStats),
  stuckSeries: z.array(z.object({ t: z.number(), count: z.number() })),
  /** Sagas held that have each kind of finding. */
  findings: z.record(FindingKind, z.number()).optional(),
  /** In-flight sagas flagged slow (waiting past their step's learned threshold) and not stuck. */
  slow: z.number().optional(),
});
export type StatsResponse = z.infer<typeof StatsResponse>;

export const RejectReason = z.enum(REJECT_REASONS);

export const RejectedSample = z.object({
  reason: RejectReason,
  detail: z.string(),
  topic: z.string(),
  partition: z.number(),
  offset: z.string(),
  timestamp: z.number(),
  key: z.string().nullable(),
  valuePreview: z.string().nullable(),
});

export const PartitionProgress = z.object({
  partition: z.number(),
  /** End offset when the monitor started: catch-up is done once position reaches it. */
  endAtStart: z.string(),
  position: z.string().nullable(),
  caughtUp: z.boolean(),
});

export const HealthResponse = z.object({
  kafka: z.object({
    state: z.enum(['connecting', 'connected', 'disconnected']),
    brokers: z.array(z.string()),
    lastError: z.string().nullable(),
    since: z.number(),
  }),
  catchUp: z.object({
    done: z.boolean(),
    /** 0..1 over all partitions of configured topics. */
    progress: z.number(),
    startedAt: z.number(),
    doneAt: z.number().nullable(),
  }),
  topics: z.array(
    z.object({
      topic: z.string(),
      exists: z.boolean(),
      partitions: z.array(PartitionProgress),
      /** What is wrong with the topic (missing, deleted), in words; null or absent when nothing is. */
      problem: z.string().nullable().optional(),
    }),
  ),
  consumed: z.number(),
  applied: z.number(),
  rejected: z.object({ total: z.number(), byReason: z.record(z.string(), z.number()), samples: z.array(RejectedSample) }),
  sagas: z.number(),
  /** Finished sagas forgotten past maxFinishedSagas since start (absent from older servers). */
  sagasForgotten: z.number().optional(),
  /** Whether manual retries can be published, and why not (no operators, no audit key); absent from older servers. */
  retries: z.object({ enabled: z.boolean(), reason: z.string().nullable() }).optional(),
  /**
   * The monitor's clock against the records it reads live (lib/saga/clock-check.ts); absent from older servers.
   * `gapMs`: how far the monitor's clock runs ahead of the freshest records (negative: a record stamped ahead of it).
   */
  clock: z
    .object({
      gapMs: z.number().nullable(),
      sagas: z.number(),
      limitMs: z.number(),
      disagrees: z.boolean(),
      judgedBehindMs: z.number(),
    })
    .optional(),
  /** The monitor process itself: memory is what grows with the number of sagas held. */
  process: z.object({
    rssBytes: z.number(),
    heapUsedBytes: z.number(),
    uptimeMs: z.number(),
    /** Over the last whole minute (the current one until a minute has passed); absent from older servers. */
    eventLoop: z
      .object({
        windowMs: z.number(),
        /** How long work waited for the event loop: every API answer and live batch waits this long on top of its own time. */
        delayP50Ms: z.number(),
        delayP99Ms: z.number(),
        delayMaxMs: z.number(),
        gcPauses: z.number(),
        gcMajorPauses: z.number(),
        gcTotalMs: z.number(),
        gcMaxMs: z.number(),
      })
      .optional(),
  }),
});
export type HealthResponse = z.infer<typeof HealthResponse>;

/** GET /api/step-durations: how long completed steps took lately, per configured saga type and step. */
export const StepDurationsResponse = z.object({
  items: z.array(
    z.object({
      sagaType: z.string(),
      step: z.string(),
      samples: z.number(),
      p50Ms: z.number().nullable(),
      p90Ms: z.number().nullable(),
      p99Ms: z.number().nullable(),
      maxMs: z.number().nullable(),
      /** The learned threshold; null until minSamples completions were seen. */
      slowAfterMs: z.number().nullable(),
    }),
  ),
  slowSteps: z.object({ factor: z.number(), floorMs: z.number(), minSamples: z.number() }),
});
export type StepDurationsResponse = z.infer<typeof StepDurationsResponse>;

/** GET /api/session: who is signed in (null: nobody), whether retries are on, and whether viewing needs an operator. */
export const SessionView = z.object({ operator: z.string().nullable(), retriesEnabled: z.boolean(), signInRequired: z.boolean().default(false) });
export type SessionView = z.infer<typeof SessionView>;

/** One saga of a bulk retry: what a dry run would send, what was sent, or why not. */
export const BulkRetryItem = z.union([
  z.object({ sagaId: z.string(), error: z.string() }),
  z.object({ sagaId: z.string(), accepted: RetryAccepted }),
  z.object({ sagaId: z.string(), plan: RetryPlanView }),
]);
export type BulkRetryItem = z.infer<typeof BulkRetryItem>;

/**
 * POST /api/retries. A dry run: `matched` counts every saga the filters select, `items` the at most `max` planned, in
 * the order a retry sends them (oldest start first), and `planId` names the ones with a plan, for the retry that
 * follows. A retry: `items` are the sagas named, in that order; `matched` is their number.
 */
export const BulkRetryAnswer = z.object({ dryRun: z.boolean(), matched: z.number(), planId: z.string().nullable(), items: z.array(BulkRetryItem) });
export type BulkRetryAnswer = z.infer<typeof BulkRetryAnswer>;

export const ApiError = z.object({ error: z.string(), details: z.array(z.string()).optional() });
export type ApiError = z.infer<typeof ApiError>;
