import type { IHeaders, Message } from 'kafkajs';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { reasonRows } from '../../lib/explain/reject-reasons';
import { HealthResponse, type SagaDetail } from '../../lib/wire/rest';
import { SOCKET_PATH } from '../../lib/wire/socket';
import { silentLogger } from '../../server/logger';
import { startMonitor, type Monitor } from '../../server/monitor';
import { REJECTED_SAMPLES_PER_REASON } from '../../server/store/rejected-log';
import { badInputConfig, badInputTopics } from './config';
import { consumedAfter, getDetail, getHealth, rejectedDelta } from '../monitor/health-probe';
import { testKafka } from '../kafka/test-client';
import { TEST_AUDIT_KEY } from '../monitor/test-config';
import { pollUntil } from '../../lib/poll-until';
import { produceOnce } from '../kafka/produce-once';
import { sagaRecords, TRIP_PLANS, type TopicMessage } from './saga-plans';
import { uniquePrefix } from '../monitor/test-config';
import { REJECT_REASONS } from '../../lib/vocabulary';

export interface Fed {
  /** Rejections by reason the records added. */
  rejected: Record<string, number>;
  /** Events the store applied for them. */
  applied: number;
  health: HealthResponse;
}

/**
 * One monitor for a test file of bad-input categories, on topics of its own: records go in one category at a time, and
 * each category sees only what its own records changed on /api/health.
 */
export function badInputHarness(name: string, opts: { futureTolerant?: string[] } = {}) {
  const brokers = inject('kafkaBrokers');
  const prefix = uniquePrefix(name);
  let monitor: Monitor | null = null;
  /** Rejections by reason over the whole file, to compare with what the health page shows at the end. */
  const tally: Record<string, number> = {};
  const m = () => monitor!;

  beforeAll(async () => {
    const tolerant = new Set((opts.futureTolerant ?? []).map((t) => `${prefix}${t}`));
    const admin = testKafka(brokers).admin();
    await admin.connect();
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: badInputTopics(prefix).map((topic) => ({
          topic,
          numPartitions: 3,
          replicationFactor: 1,
          // Kafka 4 refuses records stamped more than an hour ahead; such a topic takes them, as older brokers do.
          configEntries: tolerant.has(topic) ? [{ name: 'message.timestamp.after.max.ms', value: '9223372036854775807' }] : [],
        })),
      });
    } finally {
      await admin.disconnect();
    }
    monitor = await startMonitor({ config: badInputConfig(brokers, prefix), port: 0, hostname: '127.0.0.1', log: silentLogger, auditKey: TEST_AUDIT_KEY });
    await pollUntil('catch-up', async () => (await getHealth(m().url)).catchUp.done);
  });
  afterAll(async () => {
    await monitor?.close();
  });

  return {
    brokers,
    prefix,
    monitor: m,
    /** A record on a topic of this file (unprefixed name), with key 'k' unless told. */
    raw(topic: string, value: Message['value'], headers: IHeaders = {}, key: Message['key'] = 'k'): TopicMessage {
      return { topic: `${prefix}${topic}`, message: { key, value, headers } };
    },
    /** Produces each batch in turn, waits until every record is consumed, and returns what changed. */
    async feed(...batches: TopicMessage[][]): Promise<Fed> {
      const before = await getHealth(m().url);
      for (const b of batches) await produceOnce(brokers, b);
      const health = await consumedAfter(m().url, before, batches.reduce((n, b) => n + b.length, 0));
      const rejected = rejectedDelta(before, health);
      for (const [reason, n] of Object.entries(rejected)) tally[reason] = (tally[reason] ?? 0) + n;
      return { rejected, applied: health.applied - before.applied, health };
    },
    async detail(id: string): Promise<SagaDetail> {
      const d = await getDetail(m().url, id);
      expect(d, `saga ${id}`).toBeDefined();
      return d!;
    },
    /** Fails unless, after everything the file fed, the monitor answers and consumes, and the health page's data
     * (REST and live feed) shows every rejection by reason, with bounded samples. */
    async expectHealthPageShowsAll(): Promise<void> {
      const h = await getHealth(m().url);
      expect(h.kafka.state).toBe('connected');
      expect(h.rejected.byReason).toEqual(tally);
      expect(h.rejected.total).toBe(Object.values(tally).reduce((a, b) => a + b, 0));
      // The page's table: every reason, with these counts.
      expect(reasonRows(h.rejected.byReason).map((r) => [r.reason, r.count])).toEqual(REJECT_REASONS.map((reason) => [reason, tally[reason] ?? 0]));
      for (const reason of REJECT_REASONS) {
        const n = samplesOf(h, reason).length;
        expect(n, reason).toBe(Math.min(tally[reason] ?? 0, REJECTED_SAMPLES_PER_REASON));
      }
      const socket = connect(m().url, { path: SOCKET_PATH, transports: ['websocket'], reconnection: false });
      try {
        const live = await new Promise<HealthResponse>((resolve) => socket.once('health', (x) => resolve(HealthResponse.parse(x))));
        expect(live.rejected.byReason).toEqual(tally);
      } finally {
        socket.close();
      }
      const before = await getHealth(m().url);
      await produceOnce(brokers, sagaRecords(prefix, 'after-all', TRIP_PLANS.completed, Date.now() - 1_000));
      await consumedAfter(m().url, before, TRIP_PLANS.completed.length);
      expect((await getDetail(m().url, 'after-all'))?.status).toBe('completed');
    },
  };
}

export function samplesOf(h: HealthResponse, reason: string): HealthResponse['rejected']['samples'] {
  return h.rejected.samples.filter((s) => s.reason === reason);
}

/** A minute ago: sagas stamped then are finished long before anything could call them stuck. */
export const aMinuteAgo = () => Date.now() - 60_000;
