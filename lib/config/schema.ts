import { z } from 'zod';
import { EFFECTS, SAGA_STATUSES } from '../vocabulary';

/** Where a value comes from in a Kafka record. */
export const Extractor = z.union([
  z.strictObject({ header: z.string().min(1) }),
  z.strictObject({ key: z.literal(true) }),
  z.strictObject({ jsonPath: z.string().regex(/^\$(\.[A-Za-z_$][\w$-]*|\[\d+\])*$/, 'a path like $.a.b or $.items[0].id') }),
]);
export type Extractor = z.infer<typeof Extractor>;

export const Effect = z.enum(EFFECTS);
export type Effect = z.infer<typeof Effect>;

const STEP_EFFECTS: readonly Effect[] = [
  'step-started',
  'step-completed',
  'step-failed',
  'compensation-started',
  'compensation-completed',
];

/** A second effect of the same record: in a choreography, the event one service emits is what the next one reacts to. */
export const Trigger = z.strictObject({
  effect: z.enum(['step-started', 'compensation-started']).default('step-started'),
  step: z.string().min(1),
  timeoutMs: z.number().int().positive().optional(),
});
export type Trigger = z.infer<typeof Trigger>;

/** What Kafka accepts as a topic name; anything else could never be subscribed to, so the monitor would wait for ever. */
export const TopicName = z
  .string()
  .min(1)
  .max(249)
  .regex(/^[A-Za-z0-9._-]+$/, 'a Kafka topic name: letters, digits, ".", "_" and "-" only')
  .refine((t) => t !== '.' && t !== '..', 'a Kafka topic name cannot be "." or ".."');

export const Rule = z
  .strictObject({
    topic: TopicName,
    eventType: z.string().min(1).optional(),
    step: z.string().min(1).optional(),
    effect: Effect,
    timeoutMs: z.number().int().positive().optional(),
    sagaId: Extractor.optional(),
    eventTypeFrom: Extractor.optional(),
    triggers: Trigger.optional(),
  })
  .refine((r) => !STEP_EFFECTS.includes(r.effect) || r.step !== undefined, {
    message: 'a step effect needs "step"',
    path: ['step'],
  });
export type Rule = z.infer<typeof Rule>;

/** Statuses from which an operator may retry a saga unless the saga type says otherwise. */
export const DEFAULT_RETRYABLE = ['stuck', 'failed'] as const;
const RetryableStatuses = z.array(z.enum(SAGA_STATUSES)).min(1).default([...DEFAULT_RETRYABLE]);

/**
 * `resend` re-publishes the record that started the waiting step; `command` asks an orchestrator that owns its
 * retries by publishing a retry command to `topic`.
 */
/** A fail record says the saga gave up: retrying it is refused unless the type allows it (the record is final). */
const AfterFail = z.boolean().default(false);

export const RetryConfig = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('resend'), statuses: RetryableStatuses, afterFail: AfterFail }),
  z.strictObject({ mode: z.literal('command'), topic: TopicName, statuses: RetryableStatuses, afterFail: AfterFail }),
]);
export type RetryConfig = z.infer<typeof RetryConfig>;

export const SagaTypeConfig = z
  .strictObject({
    type: z.string().min(1),
    sagaId: Extractor,
    eventType: Extractor.optional(),
    steps: z.array(z.string().min(1)).min(1),
    stuckAfterMs: z.number().int().positive().default(30_000),
    rules: z.array(Rule).min(1),
    retry: RetryConfig.default({ mode: 'resend', statuses: [...DEFAULT_RETRYABLE], afterFail: false }),
  })
  .superRefine((s, ctx) => {
    s.steps.forEach((step, i) => {
      if (s.steps.indexOf(step) !== i) ctx.addIssue({ code: 'custom', path: ['steps', i], message: `step "${step}" is declared twice` });
    });
    s.rules.forEach((r, i) => {
      for (const [field, step] of [
        [['step'], r.step],
        [['triggers', 'step'], r.triggers?.step],
      ] as const) {
        if (step !== undefined && !s.steps.includes(step)) {
          ctx.addIssue({
            code: 'custom',
            path: ['rules', i, ...field],
            message: `unknown step "${step}"; declared steps: ${s.steps.join(', ')}`,
          });
        }
      }
      if (r.eventType !== undefined && !s.eventType && !r.eventTypeFrom) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'eventType'],
          message: 'matching on eventType needs an "eventType" extractor on the saga type or "eventTypeFrom" on the rule',
        });
      }
    });
  });
export type SagaTypeConfig = z.infer<typeof SagaTypeConfig>;

/** Defaults of `slowSteps`: three times the usual worst case, and no flag before 30 completions have been seen. */
export const DEFAULT_SLOW_STEPS = { factor: 3, floorMs: 500, minSamples: 30 } as const;

/**
 * Learned per-step thresholds: a step that waits longer than max(floorMs, factor x p99 of its recent completions) is
 * flagged slow, once minSamples completions of that step were seen. Hard timeouts still decide stuck.
 */
export const SlowStepsConfig = z.strictObject({
  factor: z.number().gt(1).default(DEFAULT_SLOW_STEPS.factor),
  floorMs: z.number().int().min(0).default(DEFAULT_SLOW_STEPS.floorMs),
  minSamples: z.number().int().min(1).default(DEFAULT_SLOW_STEPS.minSamples),
});
export type SlowStepsConfig = z.infer<typeof SlowStepsConfig>;

/** Defaults of `consumerGroups`: a commit is seen within 5 s; 1,000 records or 30 s without a commit is worth a look. */
export const DEFAULT_CONSUMER_GROUPS = { checkIntervalMs: 5_000, lagRecords: 1_000, stalledAfterMs: 30_000 } as const;

/**
 * How the monitor watches the consumer groups of its topics, to say who should answer a waiting saga and whether they
 * are alive. The monitor's own groups (kafka.groupIdPrefix) are always ignored.
 */
export const ConsumerGroupsConfig = z
  .strictObject({
    /** How often groups and offsets are read: a commit is seen at most this late. */
    checkIntervalMs: z.number().int().min(250).max(600_000).default(DEFAULT_CONSUMER_GROUPS.checkIntervalMs),
    /** More records behind than this is `lagging`. */
    lagRecords: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(DEFAULT_CONSUMER_GROUPS.lagRecords),
    /** Behind with no commit seen for this long is `stalled`; must exceed the consumers' own commit interval. */
    stalledAfterMs: z.number().int().min(1_000).max(86_400_000).default(DEFAULT_CONSUMER_GROUPS.stalledAfterMs),
    /** Groups whose id starts with one of these are not examined (tooling, other monitors). */
    ignoreGroupPrefixes: z.array(z.string().min(1)).max(100).default([]),
  })
  .refine((c) => c.stalledAfterMs >= c.checkIntervalMs, {
    path: ['stalledAfterMs'],
    message: 'must be at least checkIntervalMs: commits are only seen once per check',
  });
export type ConsumerGroupsConfig = z.infer<typeof ConsumerGroupsConfig>;

const Broker = z
  .string()
  .regex(/^[^\s:]+:\d{1,5}$/, 'host:port')
  .refine((b) => {
    const port = /:(\d{1,5})$/.exec(b)?.[1];
    return port === undefined || (Number(port) >= 1 && Number(port) <= 65535);
  }, 'the port must be 1-65535');

export const KafkaConfig = z.strictObject({
  brokers: z.array(Broker).min(1),
  clientId: z.string().min(1).default('saga-monitor'),
  /** Prefix of the consumer group; each monitor process adds its own suffix and reads from the start of retention. */
  groupIdPrefix: z.string().min(1).default('saga-monitor'),
  ssl: z.boolean().default(false),
  sasl: z
    .strictObject({
      mechanism: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']),
      username: z.string().min(1),
      password: z.string().min(1),
    })
    .optional(),
});
export type KafkaConfig = z.infer<typeof KafkaConfig>;

export const MonitorConfig = z
  .strictObject({
    $schema: z.string().optional(),
    kafka: KafkaConfig,
    sagas: z.array(SagaTypeConfig).min(1),
    /** The monitor's own topic: every manual retry is recorded there and read back like any other stream. */
    auditTopic: TopicName.default('saga-monitor.audit'),
    /**
     * Finished sagas (completed, failed, compensated) held at most: past it the one that finished longest ago is
     * forgotten, so memory stays bounded on a cluster that never stops. In-flight and stuck sagas are never dropped.
     */
    maxFinishedSagas: z.number().int().min(1_000).max(100_000_000).default(500_000),
    slowSteps: SlowStepsConfig.default({ ...DEFAULT_SLOW_STEPS }),
    consumerGroups: ConsumerGroupsConfig.default({ ...DEFAULT_CONSUMER_GROUPS, ignoreGroupPrefixes: [] }),
  })
  .superRefine((c, ctx) => {
    // The consumer reads the audit topic as retries only: a rule on it would never see a record.
    const ruleTopics = new Set(c.sagas.flatMap((s) => s.rules.map((r) => r.topic)));
    if (ruleTopics.has(c.auditTopic)) {
      ctx.addIssue({ code: 'custom', path: ['auditTopic'], message: `"${c.auditTopic}" is also a rule topic; the audit topic must be the monitor's own` });
    }
    const seen = new Set<string>();
    c.sagas.forEach((s, i) => {
      if (seen.has(s.type)) ctx.addIssue({ code: 'custom', path: ['sagas', i, 'type'], message: `duplicate saga type "${s.type}"` });
      seen.add(s.type);
    });
  });
export type MonitorConfig = z.infer<typeof MonitorConfig>;
export type MonitorConfigInput = z.input<typeof MonitorConfig>;
