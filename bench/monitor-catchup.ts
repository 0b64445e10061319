import type { HealthResponse } from '../lib/wire/rest';
import { startMonitorProcess, type MonitorProcess } from '../testing/monitor/monitor-process';
import { STEADY_FROM } from './raw-consumer-settings';

/** Polling for the first record and the steady-state mark this often bounds the error of their times to 10 ms. */
const FINE_POLL_MS = 10;
/** Progress from which polling turns fine, ahead of the mark. */
const FINE_POLL_FROM = 0.8 * STEADY_FROM;
/** A million records at the slowest rate worth reporting; only bounds a monitor that never catches up. */
const CATCH_UP_TIMEOUT_MS = 15 * 60_000;

export interface MonitorCatchUp {
  /** Still running: the caller reads what it needs and stops it. */
  monitor: MonitorProcess;
  /** Epoch ms: spawned; first record consumed (seen by polling /api/health); caught up (the monitor's own doneAt). */
  spawnAt: number;
  firstRecordAt: number;
  doneAt: number;
  /** The same two instants on process.hrtime's clock in microseconds, which is the clock of a .cpuprofile. */
  firstRecordHrUs: number;
  doneHrUs: number;
  /** CPU time of the monitor from its start to caught up, and from its first record to caught up. */
  cpuMs: number;
  catchUpCpuMs: number;
  /** When STEADY_FROM of the backlog had been read: time, records so far, CPU so far (null when it went too fast). */
  mark: { at: number; events: number; cpuMs: number } | null;
  health: HealthResponse;
}

const hrUs = () => Number(process.hrtime.bigint() / 1000n);

/** Starts the monitor in its production configuration and waits until /api/health says every topic is caught up. */
export async function catchUpMonitor(opts: {
  root: string;
  brokers: string;
  nodeArgs?: string[];
  env?: Record<string, string>;
  say: (line: string) => void;
  /** Called with every health poll during catch-up (every 100 ms). */
  onProgress?: (h: HealthResponse) => void;
}): Promise<MonitorCatchUp> {
  const spawnAt = Date.now();
  const monitor = await startMonitorProcess({ brokers: opts.brokers, nodeArgs: opts.nodeArgs, env: opts.env });
  try {
    const poll = (ms: number) => new Promise((r) => setTimeout(r, ms));
    let h = await monitor.health();
    while (h.consumed === 0 && !h.catchUp.done) {
      if (Date.now() - spawnAt > CATCH_UP_TIMEOUT_MS) throw new Error('the monitor consumed nothing');
      await poll(FINE_POLL_MS);
      h = await monitor.health();
    }
    const firstRecordAt = Date.now();
    const firstRecordHrUs = hrUs();
    const cpuAtFirstRecord = monitor.cpuMs();
    let mark: MonitorCatchUp['mark'] = null;
    while (!h.catchUp.done) {
      opts.onProgress?.(h);
      if (h.catchUp.progress >= STEADY_FROM) {
        mark = { at: Date.now(), events: h.consumed, cpuMs: monitor.cpuMs() };
        break;
      }
      await poll(h.catchUp.progress >= FINE_POLL_FROM ? FINE_POLL_MS : 100);
      h = await monitor.health();
    }
    let lastSaid = 0;
    const done = await monitor.waitCaughtUp(CATCH_UP_TIMEOUT_MS, (p) => {
      opts.onProgress?.(p);
      if (Date.now() - lastSaid < 5_000) return;
      lastSaid = Date.now();
      opts.say(`monitor: ${p.consumed.toLocaleString('en-US')} records, ${p.sagas.toLocaleString('en-US')} sagas, ${Math.round(p.catchUp.progress * 100)} %`);
    });
    const cpuMs = monitor.cpuMs();
    const doneAt = done.catchUp.doneAt ?? Date.now();
    return { monitor, spawnAt, firstRecordAt, doneAt, firstRecordHrUs, doneHrUs: hrUs() - (Date.now() - doneAt) * 1000, cpuMs, catchUpCpuMs: cpuMs - cpuAtFirstRecord, mark, health: done };
  } catch (e) {
    await monitor.stop();
    throw e;
  }
}
