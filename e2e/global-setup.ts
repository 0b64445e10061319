import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FullConfig } from '@playwright/test';
import { startLocalKafka, type LocalKafka } from '../scripts/local-kafka';
import { buildIfNeeded } from '../scripts/build-if-needed';
import { startMonitor, type Monitor } from '../server/monitor';
import type { Logger } from '../server/logger';
import { demoConfig, TEST_AUDIT_KEY } from '../testing/monitor/test-config';
import { startDemo, type Demo } from '../demo/demo-system';
import { newRunTag } from '../demo/saga-id';
import { pollUntil } from '../lib/poll-until';
import { HealthResponse } from '../lib/wire/rest';
import { STATE_ENV, type StackState } from './stack-state';
import { demoForce, PINNED_DROP } from './demo-pins';
import { E2E_OPERATORS } from './operators';
import { startDemoControl } from './demo-control';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Short thresholds so a dropped saga turns stuck within seconds of the test watching for it. */
const STEP_TIMEOUT_MS = 4_000;
const STUCK_AFTER_MS = 6_000;
/** Enough traffic that the list visibly moves, little enough for two cores shared with a browser and a broker. */
const DEMO_RATE_PER_SECOND = 3;
/** Catch-up of freshly created topics takes a second or two; this only bounds a broken start. */
const CATCH_UP_TIMEOUT_MS = 60_000;
const CATCH_UP_POLL_MS = 200;
/** A running stack answers /api/health at once; a dev server compiling a page still serves the API. */
const EXTERNAL_PROBE_TIMEOUT_MS = 10_000;

const say = (line: string) => process.stderr.write(`[e2e] ${line}\n`);

/** Warnings and errors only: the list reporter's output stays readable. */
const monitorLog: Logger = { info: () => {}, warn: (m) => say(`monitor WARN ${m}`), error: (m) => say(`monitor ERROR ${m}`) };

async function waitForCatchUp(baseURL: string): Promise<void> {
  await pollUntil(
    'the monitor to catch up on every topic',
    async () => {
      const health = HealthResponse.parse(await (await fetch(`${baseURL}/api/health`)).json());
      if (health.catchUp.done && health.topics.every((t) => t.exists)) return true;
      throw new Error(`catch-up ${JSON.stringify(health.catchUp)}`);
    },
    CATCH_UP_TIMEOUT_MS,
    CATCH_UP_POLL_MS,
  );
}

/**
 * Starts an ephemeral Kafka, builds the pages when stale, runs the demo and the monitor (production mode) in this
 * process, and returns the teardown. With E2E_BASE_URL set it starts nothing and the tests use that stack.
 */
export default async function globalSetup(_config: FullConfig): Promise<() => Promise<void>> {
  const external = process.env.E2E_BASE_URL;
  if (external) {
    const state: StackState = { baseURL: external.replace(/\/$/, ''), brokers: null, runTag: null, pinnedDrop: null };
    // Fail once, clearly, rather than in every test.
    const answer = await fetch(`${state.baseURL}/api/health`, { signal: AbortSignal.timeout(EXTERNAL_PROBE_TIMEOUT_MS) }).catch((e: unknown) => e);
    if (!(answer instanceof Response) || !answer.ok) {
      throw new Error(`E2E_BASE_URL=${state.baseURL} does not answer /api/health: ${answer instanceof Response ? answer.status : String(answer)}`);
    }
    process.env[STATE_ENV] = JSON.stringify(state);
    say(`using the running stack at ${state.baseURL}`);
    return async () => {};
  }

  let kafka: LocalKafka | null = null;
  let demo: Demo | null = null;
  let monitor: Monitor | null = null;
  let control: Awaited<ReturnType<typeof startDemoControl>> | null = null;
  const teardown = async () => {
    await control?.close().catch((e: unknown) => say(`demo control close: ${String(e)}`));
    await demo?.stop().catch((e: unknown) => say(`demo stop: ${String(e)}`));
    await monitor?.close().catch((e: unknown) => say(`monitor close: ${String(e)}`));
    await kafka?.stop().catch((e: unknown) => say(`kafka stop: ${String(e)}`));
    say('stack stopped');
  };
  try {
    process.env.NEXT_TELEMETRY_DISABLED ??= '1';
    // Building and starting the JVM overlap: each waits on different resources most of the time.
    const [started, built] = await Promise.allSettled([
      startLocalKafka({ ephemeral: true, onProgress: (l) => say(`kafka: ${l}`) }),
      buildIfNeeded(ROOT, say),
    ]);
    if (started.status === 'rejected') throw started.reason;
    const broker = (kafka = started.value);
    if (built.status === 'rejected') throw built.reason;
    // The broker is ours alone, so the topics keep the names of the shipped config (and of the README screenshots).
    const prefix = '';
    const runTag = newRunTag();
    demo = await startDemo({
      brokers: [broker.brokers],
      topicPrefix: prefix,
      runTag,
      seed: 7,
      ratePerSecond: DEMO_RATE_PER_SECOND,
      stuckRate: 0,
      forceOutcome: demoForce,
      // An order that fails at shipping keeps its inventory reserved: the `uncompensated` finding, on screen and tested.
      skipCompensation: ['inventory'],
      log: (l) => say(`demo: ${l}`),
    });
    const config = demoConfig(broker.brokers, prefix, (c) => {
      for (const s of c.sagas) {
        s.stuckAfterMs = STUCK_AFTER_MS;
        for (const r of s.rules) {
          if (r.timeoutMs) r.timeoutMs = STEP_TIMEOUT_MS;
          if (r.triggers?.timeoutMs) r.triggers.timeoutMs = STEP_TIMEOUT_MS;
        }
      }
    });
    monitor = await startMonitor({
      config,
      port: 0,
      hostname: '127.0.0.1',
      log: monitorLog,
      pages: { dev: false, dir: ROOT },
      operators: E2E_OPERATORS,
      auditKey: TEST_AUDIT_KEY,
    });
    await waitForCatchUp(monitor.url);
    control = await startDemoControl(demo);
    const state: StackState = { baseURL: monitor.url, brokers: broker.brokers, runTag, pinnedDrop: PINNED_DROP, demoControl: control.url };
    process.env[STATE_ENV] = JSON.stringify(state);
    say(`stack ready: ${monitor.url} (Kafka ${broker.brokers}, saga ids ord-${runTag}-<n>)`);
    return teardown;
  } catch (error) {
    await teardown();
    throw error;
  }
}
