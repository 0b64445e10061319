import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { RETRIES_PER_WINDOW } from '../../lib/retry/retry-wire';
import { BulkRetryAnswer } from '../../lib/wire/rest';
import { answer, failure, fakeFetch, invalidAnswer, type Answer, type SeenRequest } from '../../testing/components/fake-fetch';
import { renderWithClient } from '../../testing/components/render';
import { retryAccepted, retryPlan, stuckAlert } from '../../testing/components/wire-fixtures';
import { BulkRetryDialog } from './bulk-retry-dialog';

const alerts = [
  stuckAlert('o-1', { step: 'payment' }),
  stuckAlert('o-2', { step: 'shipping' }),
  stuckAlert('t-1', { sagaType: 'trip-booking', step: 'car' }),
];

const dryRun = answer(BulkRetryAnswer, {
  dryRun: true,
  matched: 3,
  planId: 'plan-1',
  items: [
    { sagaId: 'o-1', plan: retryPlan('o-1') },
    { sagaId: 'o-3', plan: retryPlan('o-3') },
    { sagaId: 'o-4', error: 'no record that started step payment is kept for this saga' },
  ],
});
const sent = answer(
  BulkRetryAnswer,
  { dryRun: false, matched: 2, planId: 'plan-1', items: [{ sagaId: 'o-1', accepted: retryAccepted('o-1/payment/1', '77') }, { sagaId: 'o-3', error: 'Kafka is unreachable' }] },
  202,
);

function open(respond: (req: SeenRequest) => Answer) {
  const api = fakeFetch().on('POST', '/api/retries', respond);
  const onClose = vi.fn();
  renderWithClient(<BulkRetryDialog alerts={alerts} onClose={onClose} />);
  const dialog = screen.getByRole('dialog', { name: 'Retry stuck sagas' });
  const w = within(dialog);
  return { api, onClose, dialog, w, preview: () => userEvent.click(w.getByRole('button', { name: 'Preview' })) };
}

const itemTexts = (status: HTMLElement) => within(status).getAllByRole('listitem').map((li) => li.textContent);

describe('BulkRetryDialog', () => {
  it('offers the types and steps of the stuck sagas, first type chosen', () => {
    const { w } = open(() => dryRun);
    const type = w.getByRole<HTMLSelectElement>('combobox', { name: 'Type' });
    const step = w.getByRole<HTMLSelectElement>('combobox', { name: 'Step' });
    expect(type.value).toBe('order-fulfilment');
    expect(within(type).getAllByRole('option').map((o) => o.textContent)).toEqual(['order-fulfilment', 'trip-booking']);
    expect(within(step).getAllByRole('option').map((o) => o.textContent)).toEqual(['Any', 'payment', 'shipping']);
  });

  it('previews with a dry run and lists what would be sent and what cannot be', async () => {
    const { w, api, preview } = open(() => dryRun);
    await preview();
    const status = await w.findByRole('status');
    expect(within(status).getByText('2 of 3 matching sagas would be retried:')).toBeTruthy();
    expect(itemTexts(status)).toEqual(['o-1: step payment: AuthorizePayment on payment.commands', 'o-3: step payment: AuthorizePayment on payment.commands', 'o-4: no record that started step payment is kept for this saga']);
    expect(api.requests('POST', '/api/retries')[0].body).toEqual({ status: ['stuck'], type: 'order-fulfilment', step: 'payment', max: 10, dryRun: true });
    expect(w.getByRole('button', { name: 'Retry 2 sagas' })).toBeTruthy();
  });

  it('sends on confirm and reports each saga: where it went or why not', async () => {
    const { w, api, preview } = open((req) => ((req.body as { dryRun?: boolean }).dryRun ? dryRun : sent));
    await preview();
    await userEvent.click(await w.findByRole('button', { name: 'Retry 2 sagas' }));
    const status = await w.findByText('Retried 1 sagas:');
    expect(itemTexts(status.closest('[role="status"]') as HTMLElement)).toEqual(['o-1: sent to payment.commands/0/77', 'o-3: Kafka is unreachable']);
    // The confirm names the preview's plan: exactly the sagas listed, not the filter again.
    expect(api.requests('POST', '/api/retries').map((r) => r.body)).toEqual([{ status: ['stuck'], type: 'order-fulfilment', step: 'payment', max: 10, dryRun: true }, { planId: 'plan-1' }]);
    expect(w.queryByRole('button', { name: /^Retry \d+ sagas$/ })).toBeNull();
  });

  it('offers no confirm when nothing could be sent', async () => {
    const { w, preview } = open(() => answer(BulkRetryAnswer, { dryRun: true, matched: 1, planId: null, items: [{ sagaId: 'o-1', error: 'already finished' }] }));
    await preview();
    await w.findByText('0 of 1 matching sagas would be retried:');
    expect(w.queryByRole('button', { name: /^Retry \d+ sagas$/ })).toBeNull();
  });

  it('shows the server’s reason when it refuses', async () => {
    const { w, preview } = open(() => failure(429, 'at most 100 retries per minute'));
    await preview();
    expect((await w.findByRole('alert')).textContent).toBe('at most 100 retries per minute');
    expect(w.queryByRole('status')).toBeNull();
  });

  it.each([
    ['an item with neither plan, result nor error', { dryRun: true, matched: 1, planId: null, items: [{ sagaId: 'o-1' }] }],
    ['a count that is not a number', { dryRun: true, matched: '3', planId: null, items: [] }],
    ['no body at all', null],
  ])('shows an error instead of an answer with %s', async (_name, body) => {
    const { w, preview } = open(() => invalidAnswer(body));
    await preview();
    expect((await w.findByRole('alert')).textContent).toBe('unexpected answer from /api/retries');
    expect(w.queryByRole('status')).toBeNull();
    expect(w.queryByRole('button', { name: /^Retry \d+ sagas$/ })).toBeNull();
  });

  it('drops the preview when the selection changes, and previews the new one', async () => {
    const { w, api, preview } = open(() => dryRun);
    await preview();
    await w.findByRole('status');
    await userEvent.selectOptions(w.getByRole('combobox', { name: 'Type' }), 'trip-booking');
    expect(w.queryByRole('status')).toBeNull();
    expect(within(w.getByRole('combobox', { name: 'Step' })).getAllByRole('option').map((o) => o.textContent)).toEqual(['Any', 'car']);
    await userEvent.selectOptions(w.getByRole('combobox', { name: 'Step' }), 'car');
    await preview();
    expect(api.requests('POST', '/api/retries').at(-1)!.body).toMatchObject({ type: 'trip-booking', step: 'car' });
  });

  // The largest batch is the rate limit's window: a full batch never answers 429 in a fresh window.
  it.each([
    ['500', RETRIES_PER_WINDOW],
    ['0', 1],
  ])('keeps "At most" within bounds when %s is typed', async (typed, sent) => {
    const { w, api, preview } = open(() => dryRun);
    fireEvent.change(w.getByRole('spinbutton', { name: 'At most' }), { target: { value: typed } });
    await preview();
    expect(api.requests('POST', '/api/retries')[0].body).toMatchObject({ max: sent });
  });

  it('closes on Close', async () => {
    const { w, onClose } = open(() => dryRun);
    await userEvent.click(w.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledOnce();
  });
});
