import { defineConfig } from '@playwright/test';

/**
 * Browser tests against real Chromium, a real Kafka and live demo traffic. e2e/global-setup.ts starts the stack
 * (ephemeral broker, production build, monitor, demo) unless E2E_BASE_URL points at one already running.
 */
export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './e2e/global-setup.ts',
  // One browser on two cores next to a broker, the monitor and the demo: parallel workers would only add noise.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  // The list reporter ends with the passed/failed/skipped summary lines.
  reporter: [['list']],
  /** A test waits on live traffic (a saga getting stuck, a page compiling in dev mode): a minute is ample. */
  timeout: 90_000,
  expect: { timeout: 15_000 },
  /** Starting Kafka, building the pages and catching up can take minutes on a cold machine. */
  globalTimeout: 20 * 60_000,
  outputDir: 'test-results/e2e',
  use: {
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
});
