import { ORDER_STEP_NAMES } from './event-catalog';
import type { OrderStep } from './order-steps';

/**
 * Steps whose compensation the order orchestrator leaves out, as if they needed none: a failed order then keeps, say,
 * its payment, which is what Saga Monitor reports as an uncompensated step. Only the orchestrated saga compensates
 * on command, so only its steps are accepted.
 */
export function checkSkipCompensation(steps: readonly string[], what = 'skipCompensation'): OrderStep[] {
  const known: readonly string[] = ORDER_STEP_NAMES;
  for (const step of steps) {
    if (!known.includes(step)) {
      throw new Error(`${what}: unknown step "${step}"; known steps: ${ORDER_STEP_NAMES.join(', ')} (the order-fulfilment saga's; trip steps are compensated by their services)`);
    }
  }
  return [...new Set(steps)] as OrderStep[];
}

/** `payment,inventory` as the CLI takes it. */
export function parseSkipCompensation(spec: string, what: string): OrderStep[] {
  return checkSkipCompensation(spec.split(',').map((s) => s.trim()).filter((s) => s !== ''), what);
}
