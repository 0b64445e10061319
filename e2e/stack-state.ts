/** What global setup tells the tests about the stack under test; passed through the environment to the workers. */
export interface StackState {
  baseURL: string;
  /** Brokers of the monitored Kafka; null when only E2E_BASE_URL is known (the tests ask /api/health). */
  brokers: string | null;
  /** Saga ids of this run look like ord-<runTag>-<n>; null for a stack the suite did not start. */
  runTag: string | null;
  /** Orders whose ordinal is a multiple of this are dropped at `step` (stuck for ever); null when unknown. */
  pinnedDrop: { sagaType: 'order-fulfilment'; every: number; step: string } | null;
  /** Where a test can stop and start demo services (e2e/demo-control.ts); null for a stack the suite did not start. */
  demoControl?: string | null;
}

export const STATE_ENV = 'E2E_STACK_STATE';

export function readStackState(): StackState {
  const raw = process.env[STATE_ENV];
  if (!raw) throw new Error(`${STATE_ENV} is not set: run the suite through playwright.config.ts (its global setup sets it)`);
  return JSON.parse(raw) as StackState;
}
