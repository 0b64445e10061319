import { randomUUID } from 'node:crypto';
import type { Admin, Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type { CompiledConfig } from '../../lib/saga/compiled-config';
import { classify, isRejected } from '../../lib/saga/classify';
import type { RejectedLog } from '../store/rejected-log';
import type { SagaStore } from '../store/saga-store';
import type { ConsumerHealth } from './consumer-health';
import { decodeMessage } from './decode';
import { RESILIENT_CONSUMER } from './consumer-resilience';
import { needsResubscribe, reportTopicChange, TopicWatch } from './topic-watch';
import { formatDuration } from '../../lib/format';
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
 * while a live stream's fetches stay as small as what arrived. kafkajs holds a fetch raw and decoded (a Buffer per
 * key, value and header), so this bounds the transient memory of a catch-up: with 50 MB fetches the memory benchmark
 * ended at 1,139 MiB RSS and 40.5 s for 200,000 sagas; with 8 MB, 956 MiB and 36.1 s (4 MB: 989 MiB and 39.6 s).
 */
const FETCH_MAX_BYTES = 8 * 1024 * 1024;
const FETCH_MAX_BYTES_PER_PARTITION = 2 * 1024 * 1024;
/**
 * Offsets are committed this often rather than after every batch (a round trip each): the group is this process's
 * own and rebuilt from the beginning on every start, so committed offsets only show its lag to cluster tooling.
 */
const COMMIT_INTERVAL_MS = 5_000;
/** A stop or a seek is noticed within this many records of a batch. */
const RUNNING_CHECK_RECORDS = 256;
/**
 * Records are applied in slices of at most this long, then timers and HTTP requests get a turn: every API answer waits
 * behind the slice in progress, and one batch can hold thousands of records (a 2 MB partition fetch).
 */
const YIELD_AFTER_MS = 20;
/** How often the slice's clock is read: a few hundred microseconds of records. */
const SLICE_CHECK_RECORDS = 32;
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
  /** Each saga record read live (caught up, in a batch that reaches the end of its partition), for the clock check. */
  onLiveRecord?: (sagaId: string, timestamp: number) => void;
}

/**
 * Reads every configured topic from the start of retention into the store. Each process uses its own consumer group,
 * so it always rebuilds its state from Kafka; the group is deleted on a clean stop.
 */
export class SagaConsumer {
  /** This process's own consumer group, deleted on a clean stop. */
  readonly groupId: string;
  private consumer: Consumer | null = null;
  private subscribed: string[] = [];
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private checking: Promise<void> | null = null;
  /** Start of the current run of records without a yield; shared by batches, which kafkajs hands over back to back. */
  private sliceStart = 0;
  private readonly topicWatch = new TopicWatch();

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
        const unreachable = UNREACHABLE.test(text);
        const message = unreachable
          ? `cannot reach Kafka at ${this.d.config.config.kafka.brokers.join(',')}: ${text}; check KAFKA_BROKERS and that the brokers run`
          : `reading topic metadata: ${text}`;
        if (unreachable) this.d.health.setState('disconnected', message);
        else this.d.health.lastError = message;
        this.d.log.warn(`kafka: ${message}; retrying in ${formatDuration(TOPIC_RECHECK_MS)}`);
      })
      .finally(() => {
        this.checking = null;
      });
    return this.checking;
  }

  /**
   * A fresh admin client for each look at the cluster: kafkajs' admin puts every topic it was ever asked about into
   * its later metadata requests, so one deleted topic made every later look fail until the admin was replaced.
   */
  private async withAdmin<T>(work: (admin: Admin) => Promise<T>): Promise<T> {
    const admin = this.d.kafka.admin();
    await admin.connect();
    try {
      return await work(admin);
    } finally {
      await admin.disconnect().catch(() => {});
    }
  }

  private async refreshTopics(): Promise<void> {
    if (this.stopped) return;
    await this.withAdmin(async (admin) => {
      const existing = new Set(await admin.listTopics());
      if (!existing.has(this.d.auditTopic)) {
        await this.createAuditTopic(admin);
        existing.add(this.d.auditTopic);
      }
      const all = [...this.d.config.topics, this.d.auditTopic];
      const wanted = all.filter((t) => existing.has(t));
      let rejoin = wanted.some((t) => !this.subscribed.includes(t));
      for (const t of all) {
        const look = existing.has(t) ? (await admin.fetchTopicOffsets(t)).map((o) => ({ partition: o.partition, low: o.low, high: o.high })) : null;
        const change = this.topicWatch.observe(t, look);
        if (change) reportTopicChange(change, this.d.health, this.d.log, TOPIC_RECHECK_MS);
        // A topic created again numbers its records from 0: they are new records, not the old ones read again.
        if (change?.kind === 'deleted' || change?.kind === 'recreated') this.d.store.forgetPositions(t);
        if (change && this.subscribed.length > 0 && needsResubscribe(change)) rejoin = true;
        if (look) this.d.health.setTopicOffsets(t, look);
      }
      this.d.health.markOffsetsKnown();
      if (this.d.health.state !== 'connected' && this.consumer === null) this.d.health.setState('connected');
      if (rejoin && wanted.length > 0 && !this.stopped) await this.subscribe(wanted);
    });
  }

  private async createAuditTopic(admin: Admin): Promise<void> {
    const { brokers } = await admin.describeCluster();
    // One partition keeps the audit trail in order; replicated like any topic that must survive a broker loss.
    const replicationFactor = Math.min(AUDIT_REPLICATION, brokers.length);
    await admin.createTopics({ topics: [{ topic: this.d.auditTopic, numPartitions: 1, replicationFactor }], waitForLeaders: true });
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
      ...RESILIENT_CONSUMER,
    });
    const { CRASH, DISCONNECT, FETCH, GROUP_JOIN } = consumer.events;
    consumer.on(CRASH, (e) => {
      this.d.health.setState('disconnected', String(e.payload.error));
      // kafkajs restarts after errors it deems retriable; after any other it stays down, so the next recheck joins again.
      if (!e.payload.restart && !this.stopped) {
        this.subscribed = [];
        this.d.log.warn(`kafka: the consumer stopped (${String(e.payload.error)}); joining again within ${formatDuration(TOPIC_RECHECK_MS)}`);
      }
    });
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
    // Only records read as they are written tell the monitor's clock from the records' (a backlog is old by nature).
    const live = this.d.onLiveRecord !== undefined && this.d.health.caughtUp() && batch.offsetLag() === '0';
    let done = 0;
    let resolved = 0;
    // Marks records up to `done` as processed: resolveOffset for the commit, advance for catch-up progress.
    const resolveDone = () => {
      if (done === resolved) return;
      const last = messages[done - 1].offset;
      resolveOffset(last);
      this.d.health.advance(topic, partition, (BigInt(last) + 1n).toString(), done - resolved);
      resolved = done;
    };
    for (const m of messages) {
      if (done % SLICE_CHECK_RECORDS === 0 && performance.now() - this.sliceStart >= YIELD_AFTER_MS) {
        resolveDone();
        await new Promise((resolve) => setImmediate(resolve));
        this.sliceStart = performance.now();
        if (!isRunning() || isStale()) break;
      }
      if (done % RUNNING_CHECK_RECORDS === 0 && (!isRunning() || isStale())) break;
      try {
        const raw = decodeMessage(topic, partition, m);
        if (audit) {
          this.d.onAudit(raw);
        } else {
          const r = classify(raw, this.d.config);
          if (isRejected(r)) this.d.rejected.add(r);
          else {
            this.d.store.apply(r);
            if (live) this.d.onLiveRecord!(r.sagaId, r.timestamp);
          }
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
    resolveDone();
    await commitOffsetsIfNecessary();
    await heartbeat();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.checking;
    await this.consumer?.disconnect().catch(() => {});
    // The group is this process's alone: gone with it, so the cluster does not list dead monitors' groups.
    await this.withAdmin((admin) => admin.deleteGroups([this.groupId])).catch(() => {});
  }
}
