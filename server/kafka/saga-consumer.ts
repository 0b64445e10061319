import { randomUUID } from 'node:crypto';
import type { Admin, Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type { CompiledConfig } from '../../lib/saga/compiled-config';
import { classify, isRejected } from '../../lib/saga/classify';
import type { RejectedLog } from '../store/rejected-log';
import type { SagaStore } from '../store/saga-store';
import type { ConsumerHealth } from './consumer-health';
import { decodeMessage } from './decode';
import type { Logger } from '../logger';
import type { RawRecord } from '../../lib/saga/record';

/** How often missing topics are looked for again: a topic created later is picked up within this time. */
export const TOPIC_RECHECK_MS = 5_000;
/** Replicas of the audit topic on clusters that have the brokers for it. */
const AUDIT_REPLICATION = 3;
/** A fetch returns as soon as records exist; this only bounds an idle fetch, which a stop must wait out. */
const FETCH_MAX_WAIT_MS = 1_000;
/**
 * Bytes of one fetch, and of one partition in it: a backlog comes in few round trips (the consumer waits for each),
 * while a live stream's fetches stay as small as what arrived. Held in memory twice at most: raw and decoded.
 */
const FETCH_MAX_BYTES = Number(process.env.EXP_MAX_BYTES ?? 50 * 1024 * 1024); // EXPERIMENT
const FETCH_MAX_BYTES_PER_PARTITION = Number(process.env.EXP_MAX_BYTES_PP ?? 10 * 1024 * 1024); // EXPERIMENT
/**
 * Offsets are committed this often rather than after every batch (a round trip each): the group is this process's
 * own and rebuilt from the beginning on every start, so committed offsets only show its lag to cluster tooling.
 */
const COMMIT_INTERVAL_MS = 5_000;
/** A stop or a seek is noticed within this many records of a batch. */
const RUNNING_CHECK_RECORDS = 256;
/** A long backlog batch gives timers and HTTP requests a turn this often, so the dashboard stays live during catch-up. */
const YIELD_AFTER_MS = 100;
/** Errors that mean the brokers cannot be reached at all, as opposed to a topic that is still settling. */
const UNREACHABLE = /Connection|ECONNREFUSED|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH|Closed connection/i;

export interface SagaConsumerDeps {
  kafka: Kafka;
  config: CompiledConfig;
  store: SagaStore;
  rejected: RejectedLog;
  health: ConsumerHealth;
  log: Logger;
  /** The monitor's own topic, created when missing and read like the others. */
  auditTopic: string;
  onAudit: (record: RawRecord) => void;
}

/**
 * Reads every configured topic from the start of retention into the store. Each process uses its own consumer group,
 * so it always rebuilds its state from Kafka; the group is deleted on a clean stop.
 */
export class SagaConsumer {
  private readonly groupId: string;
  private admin: Admin | null = null;
  private consumer: Consumer | null = null;
  private subscribed: string[] = [];
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private checking: Promise<void> | null = null;
  private lastYield = 0;

  constructor(private readonly d: SagaConsumerDeps) {
    this.groupId = `${d.config.config.kafka.groupIdPrefix}-${randomUUID()}`;
  }

  /** Resolves once connected and subscribed, or keeps trying in the background while the brokers are down. */
  async start(): Promise<void> {
    this.timer = setInterval(() => void this.recheck(), TOPIC_RECHECK_MS);
    await this.recheck();
  }

  private recheck(): Promise<void> {
    this.checking ??= this.refreshTopics()
      .catch((e: unknown) => {
        const text = `${(e as Error).name ?? 'Error'}: ${(e as Error).message ?? String(e)}`;
        if (UNREACHABLE.test(text)) {
          this.d.health.setState('disconnected', `cannot reach Kafka at ${this.d.config.config.kafka.brokers.join(',')}: ${text}; check KAFKA_BROKERS and that the brokers run`);
        } else {
          this.d.health.lastError = `reading topic metadata: ${text}`;
        }
        this.d.log.warn(`kafka: ${text}; retrying in ${TOPIC_RECHECK_MS / 1000} s`);
      })
      .finally(() => {
        this.checking = null;
      });
    return this.checking;
  }

  private async refreshTopics(): Promise<void> {
    if (this.stopped) return;
    if (!this.admin) {
      const admin = this.d.kafka.admin();
      await admin.connect();
      this.admin = admin;
    }
    const existing = new Set(await this.admin.listTopics());
    if (!existing.has(this.d.auditTopic)) {
      await this.createAuditTopic();
      existing.add(this.d.auditTopic);
    }
    const all = [...this.d.config.topics, this.d.auditTopic];
    const wanted = all.filter((t) => existing.has(t));
    const fresh = wanted.filter((t) => !this.subscribed.includes(t));
    for (const t of fresh) {
      const offsets = await this.admin.fetchTopicOffsets(t);
      this.d.health.setTopicOffsets(t, offsets.map((o) => ({ partition: o.partition, low: o.low, high: o.high })));
    }
    const missing = all.filter((t) => !existing.has(t));
    if (missing.length > 0 && this.subscribed.length === 0 && fresh.length === 0) {
      this.d.log.warn(`kafka: configured topics do not exist yet: ${missing.join(', ')}`);
    }
    this.d.health.markOffsetsKnown();
    if (this.d.health.state !== 'connected' && this.consumer === null) this.d.health.setState('connected');
    if (fresh.length > 0 && !this.stopped) await this.subscribe(wanted);
  }

  private async createAuditTopic(): Promise<void> {
    const { brokers } = await this.admin!.describeCluster();
    // One partition keeps the audit trail in order; replicated like any topic that must survive a broker loss.
    const replicationFactor = Math.min(AUDIT_REPLICATION, brokers.length);
    await this.admin!.createTopics({ topics: [{ topic: this.d.auditTopic, numPartitions: 1, replicationFactor }], waitForLeaders: true });
    this.d.log.info(`kafka: created the audit topic ${this.d.auditTopic}`);
  }

  private async subscribe(topics: string[]): Promise<void> {
    if (this.consumer) await this.consumer.disconnect();
    const consumer = this.d.kafka.consumer({
      groupId: this.groupId,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: FETCH_MAX_WAIT_MS,
      maxBytes: FETCH_MAX_BYTES,
      maxBytesPerPartition: FETCH_MAX_BYTES_PER_PARTITION,
    });
    const { CRASH, DISCONNECT, FETCH, GROUP_JOIN } = consumer.events;
    consumer.on(CRASH, (e) => this.d.health.setState('disconnected', String(e.payload.error)));
    consumer.on(DISCONNECT, () => {
      if (!this.stopped) this.d.health.setState('disconnected');
    });
    consumer.on(FETCH, () => this.d.health.setState('connected'));
    consumer.on(GROUP_JOIN, () => this.d.health.setState('connected'));
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    this.consumer = consumer;
    this.subscribed = topics;
    // kafkajs' autoCommit commits after every batch; eachBatch commits on COMMIT_INTERVAL_MS instead.
    await consumer.run({ autoCommit: false, autoCommitInterval: COMMIT_INTERVAL_MS, eachBatch: (p) => this.eachBatch(p) });
    this.d.log.info(`kafka: consuming ${topics.join(', ')} as group ${this.groupId}`);
  }

  private async eachBatch({ batch, resolveOffset, heartbeat, isRunning, isStale, commitOffsetsIfNecessary }: EachBatchPayload): Promise<void> {
    const { topic, partition, messages } = batch;
    const audit = topic === this.d.auditTopic;
    let done = 0;
    for (const m of messages) {
      if (done % RUNNING_CHECK_RECORDS === 0 && (!isRunning() || isStale())) break;
      try {
        const raw = decodeMessage(topic, partition, m);
        if (audit) {
          this.d.onAudit(raw);
        } else {
          const r = classify(raw, this.d.config);
          if (isRejected(r)) this.d.rejected.add(r);
          else this.d.store.apply(r);
        }
      } catch (e) {
        // A bug must not stop the stream: the record is counted as rejected and the consumer moves on.
        this.d.rejected.add({
          reason: 'processing-error',
          detail: String(e),
          topic,
          partition,
          offset: m.offset,
          timestamp: Number(m.timestamp),
          key: m.key?.toString('utf8') ?? null,
          valuePreview: m.value?.subarray(0, 200).toString('utf8') ?? null,
        });
      }
      done += 1;
    }
    if (done > 0) {
      // Resolved once per batch: every record up to this one is processed.
      const last = messages[done - 1]!.offset;
      resolveOffset(last);
      this.d.health.advance(topic, partition, (BigInt(last) + 1n).toString(), done);
    }
    await commitOffsetsIfNecessary();
    await heartbeat();
    if (Date.now() - this.lastYield >= YIELD_AFTER_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      this.lastYield = Date.now();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.checking;
    await this.consumer?.disconnect().catch(() => {});
    if (this.admin) {
      await this.admin.deleteGroups([this.groupId]).catch(() => {});
      await this.admin.disconnect().catch(() => {});
    }
  }
}
