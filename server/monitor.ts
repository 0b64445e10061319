import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { Server as IOServer } from 'socket.io';
import type { MonitorConfig } from '../lib/config/schema';
import { compileConfig } from '../lib/saga/compiled-config';
import type { HealthResponse } from '../lib/wire/rest';
import { SOCKET_PATH, type ClientToServerEvents, type ServerToClientEvents } from '../lib/wire/socket';
import { createApiRouter } from './http/api-router';
import { sendError } from './http/respond';
import { ConsumerHealth } from './kafka/consumer-health';
import { createKafka } from './kafka/kafka-client';
import { SagaConsumer } from './kafka/saga-consumer';
import { startLiveFeed } from './live/live-feed';
import type { Logger } from './logger';
import { isSameOrigin } from './http/same-origin';
import { RejectedLog } from './store/rejected-log';
import { SagaStore } from './store/saga-store';

/** kafkajs log lines that mean the brokers cannot be reached, so health says so before the consumer gives up. */
const CONNECTION_TROUBLE = /ECONNREFUSED|Connection error|connect ETIMEDOUT|Closed connection|Broker not connected|KafkaJSConnectionError/i;

export interface MonitorOptions {
  config: MonitorConfig;
  port: number;
  hostname: string;
  log: Logger;
  /** Serve the dashboard pages through Next; off for API-only use (tests of the server half). */
  pages?: { dev: boolean; dir: string } | null;
  now?: () => number;
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
  const store = new SagaStore(compiled, now);
  const rejected = new RejectedLog();
  const consumerHealth = new ConsumerHealth(compiled.topics, opts.config.kafka.brokers, now);
  const kafka = createKafka(opts.config.kafka, (level, msg) => {
    if (CONNECTION_TROUBLE.test(msg)) consumerHealth.setState('disconnected', msg);
    if (level === 'error') opts.log.error(`kafka: ${msg}`);
    else opts.log.warn(`kafka: ${msg}`);
  });
  const health = (): HealthResponse => ({
    ...consumerHealth.snapshot(),
    applied: store.applied,
    rejected: { total: rejected.total, byReason: rejected.byReason(), samples: rejected.recentSamples() },
    sagas: store.sagas.size,
  });

  const api = createApiRouter({ store, health, now, log: opts.log });
  const server = createServer();
  server.listen(opts.port, opts.hostname);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const pages = opts.pages ? await preparePages(opts.pages, opts.hostname, port) : null;
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (api(req, res)) return;
    if (pages) void pages.handle(req, res);
    else sendError(res, 404, 'this monitor serves the API only');
  });

  const io = new IOServer<ClientToServerEvents, ServerToClientEvents>(server, {
    path: SOCKET_PATH,
    serveClient: false,
    // Next's dev server owns other upgrade paths (HMR); engine.io must not end them.
    destroyUpgrade: false,
    allowRequest: (req, cb) => cb(isSameOrigin(req) ? null : 'cross-origin socket connections are refused', isSameOrigin(req)),
  });
  if (pages?.upgrade) {
    const upgrade = pages.upgrade;
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (!(req.url ?? '').startsWith(SOCKET_PATH)) void upgrade(req, socket, head);
    });
  }
  const feed = startLiveFeed({ io, store, health, now });
  const consumer = new SagaConsumer({ kafka, config: compiled, store, rejected, health: consumerHealth, log: opts.log });
  await consumer.start();

  const url = `http://${opts.hostname.includes(':') ? `[${opts.hostname}]` : opts.hostname}:${port}`;
  return {
    url,
    port,
    store,
    health,
    close: async () => {
      feed.stop();
      await consumer.stop();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await pages?.close?.().catch(() => {});
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
