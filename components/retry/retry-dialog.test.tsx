import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { queryKeys } from '../../lib/query-keys';
import { RetryAccepted, RetryPlanView } from '../../lib/retry/retry-wire';
import { answer, deferred, failure, fakeFetch, invalidAnswer, type Handler } from '../../testing/components/fake-fetch';
import { renderWithClient } from '../../testing/components/render';
import { retryAccepted, retryPlan } from '../../testing/components/wire-fixtures';
import { RetryDialog } from './retry-dialog';

const PLAN_URL = '/api/sagas/o%201/retry-plan';
const RETRY_URL = '/api/sagas/o%201/retry';
const plan = retryPlan('o 1');

function open(planAnswer: Handler, retryAnswer: Handler = answer(RetryAccepted, retryAccepted(plan.retryId), 202)) {
  const api = fakeFetch().on('GET', PLAN_URL, planAnswer).on('POST', RETRY_URL, retryAnswer);
  const onClose = vi.fn();
  const h = renderWithClient(<RetryDialog sagaId="o 1" onClose={onClose} />);
  const dialog = screen.getByRole('dialog', { name: 'Retry o 1?' });
  const button = (name: string) => within(dialog).queryByRole('button', { name });
  return { ...h, api, onClose, dialog, button };
}

describe('RetryDialog', () => {
  it('prepares the plan first and cannot be confirmed meanwhile', async () => {
    const pending = deferred();
    const { dialog, button } = open(pending.handler);
    expect(within(dialog).getByText('Preparing the retry…')).toBeTruthy();
    expect(button('Confirm retry')).toHaveProperty('disabled', true);
    pending.resolve(answer(RetryPlanView, plan));
    await within(dialog).findByText('This record will be published once:');
    expect(button('Confirm retry')).toHaveProperty('disabled', false);
  });

  it('shows exactly what will be published, the value as formatted JSON', async () => {
    const { dialog } = open(answer(RetryPlanView, plan));
    await within(dialog).findByText('payment.commands');
    expect(within(dialog).getByText('resend the original record')).toBeTruthy();
    expect(within(dialog).getByText('payment.commands/0/41')).toBeTruthy();
    const described = (term: string) => within(dialog).getByText(term, { selector: 'dt' }).nextElementSibling?.textContent;
    expect(described('Value')).toBe('{\n  "type": "AuthorizePayment",\n  "orderId": "o 1"\n}');
    expect(described('Headers')).toBe('saga-id: o 1\nsaga-monitor-retry-id: o 1/payment/1');
    expect(described('Key')).toBe('o 1');
    expect(described('Retries')).toBe('step payment');
    expect(described('Publishes')).toBe('AuthorizePayment to payment.commands');
  });

  it('names the compensation a command asks for and the record the orchestrator is expected to publish', async () => {
    const command = retryPlan('o 1', { mode: 'command', phase: 'compensation', eventType: 'RetryStep', topic: 'orders.retries', retryOf: null, expects: { eventType: 'RefundPayment', topic: 'payment.commands' } });
    const { dialog } = open(answer(RetryPlanView, command));
    await within(dialog).findByText('retry command to the orchestrator');
    const described = (term: string) => within(dialog).getByText(term, { selector: 'dt' }).nextElementSibling?.textContent;
    expect(described('Retries')).toBe('the compensation of payment');
    expect(described('Publishes')).toBe('RetryStep to orders.retries');
    expect(described('Expected answer')).toBe('the orchestrator publishes RefundPayment on payment.commands');
  });

  it('says why a saga cannot be retried, and offers no confirm', async () => {
    const { dialog, button } = open(failure(409, 'a completed saga cannot be retried'));
    expect((await within(dialog).findByRole('alert')).textContent).toBe('Cannot retry: a completed saga cannot be retried');
    expect(button('Confirm retry')).toHaveProperty('disabled', true);
  });

  it('publishes once with the plan id as idempotency key, then says where it went', async () => {
    const sent = deferred();
    const { dialog, button, api, client } = open(answer(RetryPlanView, plan), sent.handler);
    client.setQueryData(queryKeys.saga('o 1'), { id: 'o 1' });
    await within(dialog).findByText('This record will be published once:');
    await userEvent.click(button('Confirm retry')!);
    expect(await within(dialog).findByRole('button', { name: 'Sending…' })).toHaveProperty('disabled', true);
    sent.resolve(answer(RetryAccepted, retryAccepted(plan.retryId), 202));
    expect((await within(dialog).findByRole('status')).textContent).toBe('Sent as payment.commands/0/42 (retry o 1/payment/1).');
    const [req] = api.requests('POST', RETRY_URL);
    expect(req).toMatchObject({ body: { step: 'payment' }, headers: { 'idempotency-key': 'o 1/payment/1' } });
    expect(button('Confirm retry')).toBeNull();
    expect(button('Close')).toBeTruthy();
    await waitFor(() => expect(client.getQueryState(queryKeys.saga('o 1'))?.isInvalidated).toBe(true));
  });

  it.each([
    ['the server refuses it', failure(503, 'Kafka is unreachable'), 'Retry failed: Kafka is unreachable'],
    ['the answer does not parse', invalidAnswer({ retryId: 'o 1/payment/1', topic: 'payment.commands' }, 202), /^Retry failed: /],
  ])('shows an error and lets the operator try again when %s', async (_name, retryAnswer, text) => {
    const { dialog, button } = open(answer(RetryPlanView, plan), retryAnswer);
    await within(dialog).findByText('This record will be published once:');
    await userEvent.click(button('Confirm retry')!);
    expect((await within(dialog).findByRole('alert')).textContent).toMatch(text);
    expect(within(dialog).queryByRole('status')).toBeNull();
    expect(button('Confirm retry')).toHaveProperty('disabled', false);
  });

  it('closes on Cancel without publishing', async () => {
    const { button, onClose, api } = open(answer(RetryPlanView, plan));
    await userEvent.click(button('Cancel')!);
    expect(onClose).toHaveBeenCalledOnce();
    expect(api.requests('POST')).toEqual([]);
  });
});
