import type { ForceOutcome } from '../demo/outcome';
import type { StackState } from './stack-state';

/** Every 10th order waits for ever at inventory: at 3 orders/s a new stuck saga every ~3 s, steady but readable. */
export const PINNED_DROP: NonNullable<StackState['pinnedDrop']> = { sagaType: 'order-fulfilment', every: 10, step: 'inventory' };
/** A few trips stuck at hotel too, so both saga types show up in the stuck list. */
const TRIP_DROP_EVERY = 25;
const TRIP_DROP_STEP = 'hotel';

/**
 * Only pinned drops make sagas stuck (the random stuck rate is 0); a pinned saga passes the steps before its drop so
 * a seeded failure cannot end it first; every other outcome keeps its seeded roll.
 */
export const demoForce: ForceOutcome = (c) => {
  if (c.ordinal === null || c.phase !== 'action') return undefined;
  const [every, step] = c.sagaType === PINNED_DROP.sagaType ? [PINNED_DROP.every, PINNED_DROP.step] : [TRIP_DROP_EVERY, TRIP_DROP_STEP];
  if (c.ordinal % every !== 0) return undefined;
  return c.step === step ? 'drop' : 'ok';
};
