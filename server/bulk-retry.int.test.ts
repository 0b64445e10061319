import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MAX_BULK_RETRY, RETRIES_PER_WINDOW, RetryCommand } from '../lib/retry/retry-wire';
import { BulkRetryAnswer, SagaListResponse } from '../lib/wire/rest';
import { readTopic } from '../testing/kafka/read-log';
import { ALICE, BOB, startGuardedMonitor, type GuardedMonitor } from '../testing/monitor/guarded-monitor';
import { RATE_WINDOW_MS } from './http/rate-limit';

/**
 * A bulk retry sends exactly what its dry run showed, in the order shown, and the largest batch fits the rate limit:
 * more stuck orders than one batch, command mode, on the real broker.
 */
const brokers = inject('kafkaBrokers');
const STUCK = MAX_BULK_RETRY + 5;
let g: GuardedMonitor;
/** The sagas the first bulk retry sent. */
let planned: string[] = [];

beforeAll(async () => {
  g = await startGuardedMonitor(brokers, 'bulk', STUCK);
}, 120_000);
afterAll(() => g?.monitor.close());

const post = (body: unknown, token = ALICE) =>
  fetch(`${g.monitor.url}/api/retries`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
/** The sagas asked for on the retry topic, sorted: its partitions keep no order between them. */
const sentSagas = async () => (await readTopic(brokers, `${g.prefix}orders.retries`)).map((m) => RetryCommand.parse(JSON.parse(m.value!)).sagaId).sort();

describe('bulk retry', () => {
  it('the largest batch is the rate limit', () => {
    expect(MAX_BULK_RETRY).toBe(RETRIES_PER_WINDOW);
  });

  it('retries exactly the plan of its dry run, in its order (the saga list sorted by start), once', async () => {
    const dry = await post({ status: ['stuck'], max: MAX_BULK_RETRY, dryRun: true });
    expect(dry.status).toBe(200);
    const preview = BulkRetryAnswer.parse(await dry.json());
    expect(preview.matched).toBe(STUCK);
    expect(preview.items).toHaveLength(MAX_BULK_RETRY);
    planned = preview.items.map((i) => i.sagaId);
    const list = SagaListResponse.parse(await (await fetch(`${g.monitor.url}/api/sagas?status=stuck&sort=started&limit=${MAX_BULK_RETRY}`)).json());
    expect(planned).toEqual(list.items.map((s) => s.id));
    expect(preview.planId).not.toBeNull();

    // Another operator cannot send it.
    expect((await post({ planId: preview.planId }, BOB)).status).toBe(404);
    const run = await post({ planId: preview.planId });
    expect(run.status).toBe(202);
    const answer = BulkRetryAnswer.parse(await run.json());
    expect(answer.items.map((i) => i.sagaId)).toEqual(planned);
    expect(answer.items.every((i) => 'accepted' in i)).toBe(true);
    expect(await sentSagas()).toEqual([...planned].sort());
    // Used once.
    g.advance(RATE_WINDOW_MS);
    expect((await post({ planId: preview.planId })).status).toBe(404);
  });

  it('retries the ids named, in the order named, and refuses a batch larger than one window', async () => {
    g.advance(RATE_WINDOW_MS);
    const sent = new Set(planned);
    const rest = g.stuck.filter((id) => !sent.has(id)).reverse();
    expect(rest).toHaveLength(STUCK - MAX_BULK_RETRY);
    const run = await post({ ids: rest });
    expect(run.status).toBe(202);
    expect(BulkRetryAnswer.parse(await run.json()).items.map((i) => i.sagaId)).toEqual(rest);
    expect(await sentSagas()).toEqual([...g.stuck].sort());
    const tooMany = await post({ ids: Array.from({ length: MAX_BULK_RETRY + 1 }, (_, i) => `x-${i}`) });
    expect(tooMany.status).toBe(400);
  });
});
