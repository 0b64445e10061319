import type { MonitorConfig } from '../lib/config/schema';
import { ClockCheck, smallestThreshold } from '../lib/saga/clock-check';
import { compileConfig } from '../lib/saga/compiled-config';
import type { HealthResponse } from '../lib/wire/rest';
import { createAuth } from './auth/create-auth';
import { closeFeedsOfEndedSessions, SESSION_SWEEP_MS } from './auth/feed-session-sweep';
import { monitorHealth } from './health';
import { allowedHosts } from './http/allowed-hosts';
import { createApiRouter } from './http/api-router';
import { closeHttp, listenHttp } from './http/listen';
import { forwardPageUpgrades, preparePages } from './http/pages';
import { RateLimiter } from './http/rate-limit';
import { serveRequests } from './http/serve-requests';
import { ConsumerHealth } from './kafka/consumer-health';
import { GroupHealth } from './kafka/group-health';
import { createKafka } from './kafka/kafka-client';
import { kafkaLogSink } from './kafka/kafka-log';
import { lazyProducer } from './kafka/lazy-producer';
import { createResponders } from './kafka/responders';
import { SagaConsumer } from './kafka/saga-consumer';
import { KAFKA_STOP_DEADLINE_MS, stopKafkaWithin } from './kafka/stop-within';
import { startLiveFeed } from './live/live-feed';
import { createSocketServer } from './live/socket-server';
import type { Logger } from './logger';
import { startProcessFigures } from './process-figures';
import { auditIntake } from './retry/audit-intake';
import { BulkPlans } from './retry/bulk-plans';
import { retryRoutes, RETRIES_PER_WINDOW } from './retry/retry-routes';
import { RetryService } from './retry/retry-service';
import { RejectedLog } from './store/rejected-log';
import { SagaStore } from './store/saga-store';

export interface MonitorOptions {
  config: MonitorConfig;
  port: number;
  hostname: string;
  log: Logger;
  /** Serve the dashboard pages through Next; off for API-only use (tests of the server half). */
  pages?: { dev: boolean; dir: string } | null;
  now?: () => number;
  /** SAGA_MONITOR_OPERATORS: who may retry, with their tokens. */
  operators?: string;
  /** SAGA_MONITOR_AUDIT_KEY(_FILE): signs audit records and verifies those read back; without it retries are off. */
  auditKey?: string;
  /** SAGA_MONITOR_REQUIRE_SIGN_IN: viewing needs an operator too (API, live feed); off by default. */
  requireSignIn?: boolean;
  /** SAGA_MONITOR_ALLOWED_HOSTS: Host names answered besides loopback ones (see http/allowed-hosts.ts). */
  allowedHosts?: string[];
  /** How often live feeds of expired sessions are looked for; tests shorten it. */
  sessionSweepMs?: number;
  /** How long close() waits for Kafka (leaving the group, deleting it) before it stops without it; tests shorten it. */
  kafkaStopDeadlineMs?: number;
}

export interface Monitor {
  url: string;
  port: number;
  store: SagaStore;
  health(): HealthResponse;
  close(): Promise<void>;
}

/** Builds the monitor's parts and connects them: Kafka in, the store, auth and retries, the API, pages and live feed. */
export async function startMonitor(opts: MonitorOptions): Promise<Monitor> {
  const now = opts.now ?? Date.now;
  const { config, log } = opts;

  // Kafka in, the store and health.
  const compiled = compileConfig(config);
  // Stuck is judged on the records' clock while the monitor's runs ahead of every record it reads (README, Timestamps).
  const clock = new ClockCheck(smallestThreshold(config.sagas));
  const store = new SagaStore(compiled, () => clock.judged(now()), { maxFinished: config.maxFinishedSagas });
  const rejected = new RejectedLog();
  const processFigures = startProcessFigures();
  const consumerHealth = new ConsumerHealth([...compiled.topics, config.auditTopic], config.kafka.brokers, now);
  const kafka = createKafka(config.kafka, kafkaLogSink(consumerHealth, log));
  // The monitor's own groups are named `${groupIdPrefix}-<uuid>`: they read every topic and answer no saga.
  const groups = new GroupHealth({ kafka, topics: compiled.topics, config: config.consumerGroups, ownGroupPrefix: `${config.kafka.groupIdPrefix}-`, now, log });
  const responders = createResponders(store, compiled, groups);

  // Who may view and retry, and the retries they publish.
  const auditKey = opts.auditKey ?? null;
  const auth = createAuth({ operators: opts.operators, requireSignIn: opts.requireSignIn ?? false, retriesPossible: auditKey !== null, now });
  const producer = lazyProducer(kafka);
  const retries = new RetryService({ store, config: compiled, producer: producer.get, auditTopic: config.auditTopic, now, log, caughtUp: () => consumerHealth.caughtUp(), auditKey });
  const retriesNow = () => {
    if (auth.operators.count === 0) return { enabled: false, reason: 'no operators are configured (SAGA_MONITOR_OPERATORS)' };
    const reason = retries.refusal();
    return { enabled: reason === null, reason };
  };
  const health = monitorHealth({ consumerHealth, store, rejected, processFigures, retries: retriesNow, clock: () => clock.view(now()) });
  const api = createApiRouter({
    store,
    health,
    now,
    log,
    extraRoutes: [...auth.routes, ...retryRoutes({ store, retries, operatorOf: auth.operatorOf, limiter: new RateLimiter(now, RETRIES_PER_WINDOW), plans: new BulkPlans(now) })],
    consumers: responders,
    guard: auth.apiGuard,
  });

  // One HTTP server: API, pages and the live feed.
  const http = await listenHttp(opts.port, opts.hostname);
  const pages = opts.pages ? await preparePages(opts.pages, opts.hostname, http.port) : null;
  const hosts = allowedHosts(opts.hostname, opts.allowedHosts);
  http.server.on('request', serveRequests({ hosts, api, pages }));
  const io = createSocketServer(http.server, { hosts, mayView: auth.mayView });
  const stopSessionSweep = auth.requireSignIn ? closeFeedsOfEndedSessions(io, auth.sessions, opts.sessionSweepMs ?? SESSION_SWEEP_MS) : () => {};
  if (pages) forwardPageUpgrades(http.server, pages);
  const feed = startLiveFeed({ io, store, health, now, onAlert: responders.onAlert });

  const consumer = new SagaConsumer({ kafka, config: compiled, store, rejected, health: consumerHealth, log, auditTopic: config.auditTopic, onAudit: auditIntake({ rejected, retries, store, auditKey }), onLiveRecord: (id, timestamp) => clock.observe(id, timestamp, now()) });
  await consumer.start();
  groups.start();

  return {
    url: http.url,
    port: http.port,
    store,
    health,
    close: async () => {
      feed.stop();
      processFigures.stop();
      stopSessionSweep();
      const stopKafka = async () => {
        await groups.stop();
        await consumer.stop();
        await producer.disconnect();
      };
      await stopKafkaWithin(stopKafka, opts.kafkaStopDeadlineMs ?? KAFKA_STOP_DEADLINE_MS, consumer.groupId, log);
      await new Promise<void>((resolve) => void io.close(() => resolve()));
      await pages?.close?.().catch(() => {});
      await closeHttp(http.server);
    },
  };
}
