import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TopicConsumers } from '../../lib/wire/consumers';
import type { StuckAlert } from '../../lib/wire/socket';
import { renderWithClient } from '../../testing/components/render';
import { NOW, stuckAlert, topicConsumers } from '../../testing/components/wire-fixtures';
import { AlertItem } from './alert-item';

function show(alert: StuckAlert, consumers: TopicConsumers[] = []) {
  renderWithClient(
    <ul>
      <AlertItem alert={alert} now={NOW} consumers={consumers} />
    </ul>,
  );
  return screen.getByRole('listitem');
}

describe('AlertItem', () => {
  it('links the saga by its id and says where and how long it is stuck, and why', () => {
    const item = show(stuckAlert('ord 1', { since: NOW - 125_000 }));
    expect(within(item).getByRole('link', { name: 'ord 1' }).getAttribute('href')).toBe('/sagas/ord%201');
    expect(item.textContent).toContain('step payment');
    expect(within(item).getByText('stuck for 2 min 5 s')).toBeTruthy();
    expect(within(item).getByText('step payment started and got no reply within 30 s')).toBeTruthy();
  });

  it.each([
    ['a compensation', { phase: 'compensation' as const, step: 'payment' }, 'compensating payment'],
    ['no step', { phase: null, step: null }, 'step none'],
  ])('reads a wait on %s', (_name, over, text) => {
    expect(show(stuckAlert('o-1', over)).textContent).toContain(text);
  });

  it('lists only readers that explain the wait', () => {
    const item = show(stuckAlert('o-1'), [
      topicConsumers('payment.events', { verdict: 'stalled', summary: 'payment-service stopped committing.' }),
      topicConsumers('audit', { verdict: 'ok', summary: 'audit keeps up.' }),
    ]);
    expect(within(item).getByText('payment-service stopped committing.')).toBeTruthy();
    expect(within(item).queryByText('audit keeps up.')).toBeNull();
  });
});
