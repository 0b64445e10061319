import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { classpath, javaBinary } from './java';
import { startWatchdog } from './watchdog';

export interface BrokerLaunch {
  libs: string;
  serverProperties: string;
  log4jProperties: string;
  logFile: string;
  /** Removed by the watchdog if this Node process dies first; only for a data dir nobody else uses. */
  ephemeralDir?: string;
}

/** Kafka's controlled shutdown of a single node takes a few seconds; past this it is stuck, so SIGKILL it. */
const STOP_TIMEOUT_MS = 30_000;

const JVM_OPTIONS = ['-Xms256m', '-Xmx512m', '-XX:+UseG1GC', '-Djava.awt.headless=true'];

export interface BrokerProcess {
  pid: number;
  /** Settles with the exit code (null when killed by a signal) once the JVM is gone. */
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after STOP_TIMEOUT_MS; resolves once the JVM is gone. */
  stop(): Promise<void>;
  /** SIGKILL now, as a crash would. */
  kill(): void;
}

export function launchBroker(launch: BrokerLaunch): BrokerProcess {
  mkdirSync(dirname(launch.logFile), { recursive: true });
  // The JVM writes its log straight to the file, so it never depends on a pipe to this process staying open.
  const logFd = openSync(launch.logFile, 'a');
  writeSync(logFd, `\n===== local-kafka start ${new Date().toISOString()} =====\n`);
  const args = [
    ...JVM_OPTIONS,
    `-Dkafka.logs.dir=${dirname(launch.logFile)}`,
    `-Dlog4j2.configurationFile=${launch.log4jProperties}`,
    '-cp',
    classpath(launch.libs),
    'kafka.Kafka',
    launch.serverProperties,
  ];
  let child: ChildProcess;
  try {
    // Own process group: a Ctrl-C in the terminal reaches only Node, which then stops the broker in order.
    child = spawn(javaBinary(), args, { detached: true, stdio: ['ignore', logFd, logFd] });
  } finally {
    closeSync(logFd);
  }
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', (error) => {
      // Goes where the readiness error quotes from, e.g. "spawn java ENOENT" when Java is missing.
      appendFileSync(launch.logFile, `cannot start ${javaBinary()}: ${error.message}\n`);
      resolve(-1);
    });
  });
  const pid = child.pid ?? -1;
  const watchdog = pid > 0 ? startWatchdog(pid, launch.ephemeralDir) : undefined;
  // A plain process.exit() runs this, so the broker starts its clean shutdown at once; the watchdog covers signals.
  const onExit = () => {
    if (!hasExited()) child.kill('SIGTERM');
  };
  process.on('exit', onExit);
  void exited.then(() => {
    process.off('exit', onExit);
    watchdog?.stop();
  });

  function hasExited(): boolean {
    return child.exitCode !== null || child.signalCode !== null || pid < 0;
  }

  return {
    pid,
    exited,
    async stop() {
      if (hasExited()) return;
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS);
      });
      const outcome = await Promise.race([exited, timedOut]);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        child.kill('SIGKILL');
        await exited;
      }
    },
    kill() {
      if (!hasExited()) child.kill('SIGKILL');
    },
  };
}
