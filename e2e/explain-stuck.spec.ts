import { SagaDetail, SagaListResponse } from '../lib/wire/rest';
import { demoService } from './demo-control';
import { expect, test, type Api } from './fixtures';
import { stuckArea, waitUntilLive } from './page-helpers';

/** The demo's shipping worker, and its consumer group as the monitor reports it (the suite's demo has no prefix). */
const WORKER = 'shipping-service';
const GROUP = 'demo-shipping-service';
/** The monitor reads consumer groups every 5 s and the drill-down asks again as often: two rounds and some slack. */
const VERDICT_TIMEOUT_MS = 20_000;
/** The step timeout is 4 s in the suite's stack; alerts carry the verdict as raised and are refetched every 15 s. */
const ALERT_TIMEOUT_MS = 40_000;
/** At 3 orders a second one reaches shipping within seconds of the stop. */
const WAITING_ORDER_TIMEOUT_MS = 30_000;
/** A restarted worker reads the commands it missed from its group's committed offsets. */
const RECOVERY_TIMEOUT_MS = 45_000;

/** An order whose shipping command was sent after the worker stopped, so nobody can answer it. */
async function orderWaitingAtShipping(api: Api, after: number): Promise<{ id: string; topic: string }> {
  let found: { id: string; topic: string } | null = null;
  await expect
    .poll(
      async () => {
        const list = await api.get('/api/sagas?type=order-fulfilment&step=shipping&status=in_progress,stuck&limit=100', SagaListResponse);
        const s = list.items.find((x) => x.phase === 'step' && x.updatedAt > after);
        if (!s) return false;
        const d = await api.get(`/api/sagas/${encodeURIComponent(s.id)}`, SagaDetail);
        const command = d.events.findLast((e) => e.step === 'shipping' && e.effect === 'step-started');
        if (command) found = { id: s.id, topic: command.topic };
        return found !== null;
      },
      { timeout: WAITING_ORDER_TIMEOUT_MS, intervals: [500] },
    )
    .toBe(true);
  return found!;
}

test('a stopped worker is named on the drill-down and in the stuck alert, until it is back', async ({ page, api, stack }) => {
  test.setTimeout(180_000);
  if (!stack.demoControl) {
    // A stack the suite did not start cannot have a worker stopped: every waiting saga still says who should answer.
    const list = await api.get('/api/sagas?status=stuck&limit=1', SagaListResponse);
    expect(list.items.length, 'this stack has no stuck saga to explain').toBeGreaterThan(0);
    await page.goto(`/sagas/${encodeURIComponent(list.items[0].id)}`);
    await expect(page.getByRole('region', { name: 'Why it waits', exact: true })).toContainText(/Consuming|No consumers|Lagging|Stalled|Not checked yet/);
    return;
  }
  const control = stack.demoControl;
  const stoppedAt = Date.now();
  await demoService(control, WORKER, 'stop');
  let restarted = false;
  try {
    const { id, topic } = await orderWaitingAtShipping(api, stoppedAt + 500);
    await page.goto(`/sagas/${encodeURIComponent(id)}`);
    const why = page.getByRole('region', { name: 'Why it waits', exact: true });
    const sentence = `nothing is consuming ${topic}: group ${GROUP} has 0 members`;
    await expect(why).toContainText(sentence, { timeout: VERDICT_TIMEOUT_MS });
    await expect(why).toContainText('No consumers');
    const groups = why.getByRole('table', { name: `Consumer groups reading ${topic}`, exact: true });
    await expect(groups.getByRole('row', { name: new RegExp(GROUP) })).toContainText('0 of 0');

    await page.goto('/');
    await waitUntilLive(page);
    await expect(stuckArea(page)).toContainText(`group ${GROUP} has 0 members`, { timeout: ALERT_TIMEOUT_MS });

    await demoService(control, WORKER, 'start');
    restarted = true;
    await expect
      .poll(async () => (await api.get(`/api/sagas/${encodeURIComponent(id)}`, SagaDetail)).currentStep !== 'shipping', { timeout: RECOVERY_TIMEOUT_MS, intervals: [500] })
      .toBe(true);
  } finally {
    if (!restarted) await demoService(control, WORKER, 'start');
  }
});
