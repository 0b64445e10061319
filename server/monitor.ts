import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { Server as IOServer } from 'socket.io';
import type { MonitorConfig } from '../lib/config/schema';
import { compileConfig } from '../lib/saga/compiled-config';
import { reject } from '../lib/saga/classify';
import type { HealthResponse } from '../lib/wire/rest';
import { SOCKET_PATH, type ClientToServerEvents, type ServerToClientEvents } from '../lib/wire/socket';
import { createApiRouter } from './http/api-router';
import { sendError } from './http/respond';
import { answerWireErrors } from './http/wire-errors';
import { ConsumerHealth } from './kafka/consumer-health';
import { createKafka } from './kafka/kafka-client';
import { GroupHealth } from './kafka/group-health';
import { createResponders } from './kafka/responders';
import { SagaConsumer } from './kafka/saga-consumer';
import { startLiveFeed } from './live/live-feed';
import type { Logger } from './logger';
import { isSameOrigin } from './http/same-origin';
import { allowedHosts, isAllowedHost } from './http/allowed-hosts';
import { startProcessFigures } from './process-figures';
import { RejectedLog } from './store/rejected-log';
import { SagaStore } from './store/saga-store';
import { Partitioners, type Producer } from 'kafkajs';
import { AuditRecord } from '../lib/retry/retry-wire';
import type { RawRecord } from '../lib/saga/record';
import { parseOperators } from './retry/operators';
import { RateLimiter } from './retry/rate-limit';
import { RetryService } from './retry/retry-service';
import { retryRoutes, SIGN_IN_ATTEMPTS_PER_MINUTE } from './retry/retry-routes';
import { readCookie, SESSION_COOKIE, Sessions } from './retry/sessions';
import { requireOperator } from './retry/auth';

/** kafkajs log lines that mean the brokers cannot be reached, so health says so before the consumer gives up. */
const CONNECTION_TROUBLE = /ECONNREFUSED|Connection error|connect ETIMEDOUT|Closed connection|Broker not connected|KafkaJSConnectionError/i;

/**
 * close() waits this long for Kafka to see the consumer leave and its group deleted (about 1.3 s with an idle local
 * broker). With the brokers down kafkajs retries for about 16 s, and with one that hangs, 30 s per request: a process
 * being stopped does not wait on that.
 */
const KAFKA_STOP_DEADLINE_MS = 10_000;
/** An expired session's live feed is closed within this long (signing out closes it at once). */
const SESSION_SWEEP_MS = 30_000;

/**
 * With viewing closed, a live feed belongs to the session that opened it: signing out closes it at once, and a sweep
 * closes those whose session expired, so a signed-out browser stops receiving sagas.
 */
function closeFeedsOfEndedSessions(io: IOServer<ClientToServerEvents, ServerToClientEvents>, sessions: Sessions, sweepMs: number): () => void {
  const sessionOf = (socket: { request: IncomingMessage }) => readCookie(socket.request.headers.cookie, SESSION_COOKIE);
  sessions.onEnd((id) => {
    for (const socket of io.sockets.sockets.values()) if (sessionOf(socket) === id) socket.disconnect(true);
  });
  const sweep = setInterval(() => {
    for (const socket of io.sockets.sockets.values()) if (!sessions.operatorOf(sessionOf(socket))) socket.disconnect(true);
  }, sweepMs);
  sweep.unref();
  return () => clearInterval(sweep);
}

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

type PageHandler = { handle: (req: IncomingMessage, res: ServerResponse) => unknown; upgrade?: (req: IncomingMessage, socket: Duplex, head: Buffer) => unknown; close?: () => Promise<void> };

async function preparePages(pages: NonNullable<MonitorOptions['pages']>, hostname: string, port: number): Promise<PageHandler> {
  const { default: next } = await import('next');
  const app = next({ dev: pages.dev, dir: pages.dir, hostname, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const upgrade = pages.dev ? app.getUpgradeHandler() : undefined;
  return { handle: (req, res) => handle(req, res), upgrade, close: () => app.close() };
}

export async function startMonitor(opts: MonitorOptions): Promise<Monitor> {
  const now = opts.now ?? Date.now;
  const compiled = compileConfig(opts.config);
  const store = new SagaStore(compiled, now, opts.config.maxFinishedSagas);
  const rejected = new RejectedLog();
  const processFigures = startProcessFigures();
  const consumerHealth = new ConsumerHealth([...compiled.topics, opts.config.auditTopic], opts.config.kafka.brokers, now);
  const kafka = createKafka(opts.config.kafka, (level, msg) => {
    if (CONNECTION_TROUBLE.test(msg)) consumerHealth.setState('disconnected', msg);
    if (level === 'error') opts.log.error(`kafka: ${msg}`);
    else opts.log.warn(`kafka: ${msg}`);
  });
  // The monitor's own groups are named `${groupIdPrefix}-<uuid>`: they read every topic and answer no saga.
  const groups = new GroupHealth({ kafka, topics: compiled.topics, config: opts.config.consumerGroups, ownGroupPrefix: `${opts.config.kafka.groupIdPrefix}-`, now, log: opts.log });
  const responders = createResponders(store, compiled, groups);
  const health = (): HealthResponse => ({
    ...consumerHealth.snapshot(),
    applied: store.applied,
    rejected: { total: rejected.total, byReason: rejected.byReason(), samples: rejected.recentSamples() },
    sagas: store.sagas.size,
    sagasForgotten: store.forgotten,
    process: processFigures.snapshot(),
  });

  const operators = parseOperators(opts.operators);
  let producer: Promise<Producer> | null = null;
  const getProducer = () =>
    (producer ??= (async () => {
      const p = kafka.producer({ allowAutoTopicCreation: false, idempotent: false, createPartitioner: Partitioners.DefaultPartitioner });
      await p.connect();
      return p;
    })().catch((e: unknown) => {
      producer = null;
      throw e;
    }));
  const retries = new RetryService({ store, config: compiled, producer: getProducer, auditTopic: opts.config.auditTopic, now, log: opts.log });
  const onAudit = (record: RawRecord) => {
    let parsed: ReturnType<typeof AuditRecord.safeParse> | null = null;
    try {
      parsed = AuditRecord.safeParse(JSON.parse(record.value ?? ''));
    } catch {
      parsed = null;
    }
    if (!parsed?.success) {
      rejected.add(reject(record, 'invalid-json', 'not an audit record of this monitor'));
      return;
    }
    retries.remember(parsed.data);
    store.applyAudit(parsed.data, record);
  };
  const sessions = new Sessions(now);
  const requireSignIn = opts.requireSignIn ?? false;
  const guesses = new RateLimiter(now, SIGN_IN_ATTEMPTS_PER_MINUTE);
  const routes = retryRoutes({ store, retries, operators, sessions, limiter: new RateLimiter(now), now, requireSignIn, guesses });
  const api = createApiRouter({
    store,
    health,
    now,
    log: opts.log,
    extraRoutes: routes,
    consumers: responders,
    // Everything but signing in needs an operator when viewing is closed.
    guard: requireSignIn ? (req, path) => void (path.startsWith('/api/session') || requireOperator(req, operators, sessions, guesses)) : undefined,
  });
  const server = createServer();
  answerWireErrors(server);
  server.listen(opts.port, opts.hostname);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const pages = opts.pages ? await preparePages(opts.pages, opts.hostname, port) : null;
  const hosts = allowedHosts(opts.hostname, opts.allowedHosts);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!isAllowedHost(req, hosts)) {
      sendError(res, 403, `this monitor does not answer to the name ${JSON.stringify(req.headers.host)}; open it by a name in SAGA_MONITOR_ALLOWED_HOSTS or its loopback address`);
      return;
    }
    if (api(req, res)) return;
    if (pages) void pages.handle(req, res);
    else sendError(res, 404, 'this monitor serves the API only');
  });

  const io = new IOServer<ClientToServerEvents, ServerToClientEvents>(server, {
    path: SOCKET_PATH,
    serveClient: false,
    // Next's dev server owns other upgrade paths (HMR); engine.io must not end them.
    destroyUpgrade: false,
    allowRequest: (req, cb) => {
      if (!isAllowedHost(req, hosts)) return cb('this monitor does not answer to that host name', false);
      if (!isSameOrigin(req)) return cb('cross-origin socket connections are refused', false);
      if (requireSignIn && !sessions.operatorOf(readCookie(req.headers.cookie, SESSION_COOKIE))) return cb('sign in first', false);
      cb(null, true);
    },
  });
  const stopSessionSweep = requireSignIn ? closeFeedsOfEndedSessions(io, sessions, opts.sessionSweepMs ?? SESSION_SWEEP_MS) : () => {};
  if (pages?.upgrade) {
    const upgrade = pages.upgrade;
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (!(req.url ?? '').startsWith(SOCKET_PATH)) void upgrade(req, socket, head);
    });
  }
  const feed = startLiveFeed({ io, store, health, now, onAlert: responders.onAlert });
  const consumer = new SagaConsumer({ kafka, config: compiled, store, rejected, health: consumerHealth, log: opts.log, auditTopic: opts.config.auditTopic, onAudit });
  await consumer.start();
  groups.start();

  const url = `http://${opts.hostname.includes(':') ? `[${opts.hostname}]` : opts.hostname}:${port}`;
  return {
    url,
    port,
    store,
    health,
    close: async () => {
      feed.stop();
      processFigures.stop();
      stopSessionSweep();
      const kafkaStopped = (async () => {
        await groups.stop();
        await consumer.stop();
        if (producer) await (await producer.catch(() => null))?.disconnect().catch(() => {});
      })();
      const deadlineMs = opts.kafkaStopDeadlineMs ?? KAFKA_STOP_DEADLINE_MS;
      let timer: NodeJS.Timeout | undefined;
      const inTime = await Promise.race([kafkaStopped.then(() => true), new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), deadlineMs)))]);
      clearTimeout(timer);
      if (!inTime) {
        opts.log.warn(
          `kafka: no answer within ${deadlineMs / 1000} s while stopping; stopping without it. The consumer group ${consumer.groupId} stays on the cluster until its offsets expire (offsets.retention.minutes) or it is deleted (kafka-consumer-groups.sh --delete --group ${consumer.groupId})`,
        );
      }
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await pages?.close?.().catch(() => {});
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
