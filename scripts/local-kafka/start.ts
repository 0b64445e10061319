import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBroker, type BrokerProcess } from './broker-process';
import { log4j2Properties, serverProperties } from './broker-config';
import { lockDataDir } from './data-dir-lock';
import { freePorts, isPortFree } from './free-port';
import { logTail } from './log-tail';
import { DEFAULT_DATA_DIR } from './paths';
import { ensureKafkaJars } from './resolve-jars';
import { formatStorage } from './storage';
import { waitUntilReady } from './wait-ready';

export interface LocalKafkaOptions {
  /** PLAINTEXT port on 127.0.0.1; a free one is chosen when omitted. */
  port?: number;
  /** Defaults to <repo>/.kafka/data, kept across runs. Ignored when ephemeral. */
  dataDir?: string;
  /** A fresh temp data dir, removed on stop(). */
  ephemeral?: boolean;
  /** Human-readable progress, e.g. while jars resolve on first use. */
  onProgress?: (line: string) => void;
  /** Broker log; defaults to <dataDir>/logs/broker.log. */
  logFile?: string;
}

export interface LocalKafka {
  /** host:port for kafkajs' brokers option. */
  brokers: string;
  port: number;
  /** Pid of the current JVM (changes after restart()). */
  readonly pid: number;
  dataDir: string;
  /** Settles with the JVM's exit code (null if killed by a signal) when the current JVM exits for any reason. */
  readonly exited: Promise<number | null>;
  /** Clean shutdown (SIGTERM, SIGKILL after a timeout); removes an ephemeral data dir. */
  stop(): Promise<void>;
  /** SIGKILL, as a crash would; restart() brings it back on the same port and data. */
  kill(): void;
  /** Starts the broker again on the same ports and data dir, stopping it first if it still runs. */
  restart(): Promise<void>;
}

/** How many log lines an error carries. */
const LOG_TAIL_LINES = 40;

/** Starts a single-node KRaft broker+controller and resolves once kafkajs clients are accepted. */
export async function startLocalKafka(opts: LocalKafkaOptions = {}): Promise<LocalKafka> {
  const progress = opts.onProgress ?? (() => {});
  const libs = await ensureKafkaJars(progress);

  const ephemeral = opts.ephemeral ?? false;
  const dataDir = ephemeral ? await mkdtemp(join(tmpdir(), 'saga-monitor-kafka-')) : (opts.dataDir ?? DEFAULT_DATA_DIR);
  await mkdir(dataDir, { recursive: true });
  const lock = lockDataDir(dataDir);
  const release = async () => {
    lock.release();
    if (ephemeral && existsSync(dataDir)) await rm(dataDir, { recursive: true, force: true });
  };

  const propsFile = join(dataDir, 'server.properties');
  const log4jFile = join(dataDir, 'log4j2.properties');
  const logFile = opts.logFile ?? join(dataDir, 'logs', 'broker.log');
  let port: number;
  let current: BrokerProcess | undefined;

  async function launch(): Promise<void> {
    const started = Date.now();
    progress(`starting Kafka on 127.0.0.1:${port} (data ${dataDir}, log ${logFile})`);
    const broker = launchBroker({
      libs,
      serverProperties: propsFile,
      log4jProperties: log4jFile,
      logFile,
      ephemeralDir: ephemeral ? dataDir : undefined,
    });
    current = broker;
    lock.setBroker(broker.pid);
    try {
      await waitUntilReady(`127.0.0.1:${port}`, broker.exited, () => logTail(logFile, LOG_TAIL_LINES));
    } catch (error) {
      await broker.stop();
      throw error;
    }
    progress(`Kafka ready on 127.0.0.1:${port} after ${((Date.now() - started) / 1000).toFixed(1)}s`);
  }

  try {
    const [freePort, controllerPort] = await freePorts(2);
    port = opts.port ?? freePort;
    if (opts.port !== undefined && !(await isPortFree(opts.port))) {
      throw new Error(`port ${opts.port} is already in use`);
    }
    if (controllerPort === port) throw new Error(`port ${port} was also picked as the controller port; start again`);
    const logDirs = join(dataDir, 'kraft');
    await writeFile(propsFile, serverProperties({ port, controllerPort, logDirs }));
    await writeFile(log4jFile, log4j2Properties());
    if (await formatStorage(libs, propsFile, logDirs)) progress(`formatted new KRaft storage in ${logDirs}`);
    await launch();
  } catch (error) {
    await release();
    throw error;
  }

  const running = () => current!;
  return {
    brokers: `127.0.0.1:${port}`,
    port,
    get pid() {
      return running().pid;
    },
    dataDir,
    get exited() {
      return running().exited;
    },
    async stop() {
      await running().stop();
      await release();
    },
    kill() {
      running().kill();
    },
    async restart() {
      await running().stop();
      await launch();
    },
  };
}
