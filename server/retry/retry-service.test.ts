import type { Producer } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { foldEvents, toEvent } from '../../testing/fixtures/materialize';
import { compiled, T0 } from '../../testing/fixtures/order-fulfilment';
import { orderRecords } from '../../testing/fixtures/records';
import { silentLogger } from '../logger';
import { SagaStore } from '../store/saga-store';
import { RetryService } from './retry-service';

/** An order waiting on its inventory command's reply, well past the step's timeout. */
function storeWithStuckOrder() {
  const config = compiled;
  const saga = foldEvents(
    orderRecords('o-1', [
      ['orders.requested', 'OrderRequested', 0],
      ['payment.commands', 'AuthorizePayment', 100],
      ['payment.events', 'PaymentAuthorized', 200],
      ['inventory.commands', 'ReserveInventory', 300],
    ]).map(toEvent),
  );
  const now = T0 + 3_600_000;
  const store = new SagaStore(config, () => now);
  for (const e of saga.events) store.apply(e);
  store.tick();
  return { config, store, now };
}

/** Refusals happen before anything is published: a producer that is asked for anything fails the test. */
const noProducer = (): Promise<Producer> => Promise.reject(new Error('nothing may be published'));

describe('RetryService while catching up', () => {
  it('refuses plans and retries with 409 until the monitor has caught up, then plans', async () => {
    const { config, store, now } = storeWithStuckOrder();
    expect(store.summary('o-1')!.status).toBe('stuck');
    let caughtUp = false;
    const retries = new RetryService({ store, config, producer: noProducer, auditTopic: 'audit', now: () => now, log: silentLogger, caughtUp: () => caughtUp, auditKey: 'audit-key-for-tests-0123456789abcdef' });
    const plan = retries.plan('o-1', 'alice');
    expect(plan).toMatchObject({ ok: false, status: 409 });
    expect(!plan.ok && plan.reason).toMatch(/catching up/);
    expect(await retries.retry('o-1', 'alice')).toMatchObject({ ok: false, status: 409 });
    caughtUp = true;
    expect(retries.plan('o-1', 'alice')).toMatchObject({ ok: true, plan: { step: 'inventory' } });
  });
});
