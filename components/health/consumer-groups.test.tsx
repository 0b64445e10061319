import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ConsumersResponse } from '../../lib/wire/consumers';
import { answer, failure, fakeFetch, type Handler } from '../../testing/components/fake-fetch';
import { renderWithClient } from '../../testing/components/render';
import { NOW, topicConsumers } from '../../testing/components/wire-fixtures';
import { ConsumerGroups } from './consumer-groups';

function show(a: Handler) {
  fakeFetch().on('GET', '/api/consumers', a);
  renderWithClient(<ConsumerGroups now={NOW} />);
  return screen.getByRole('region', { name: 'Consumer groups' });
}

describe('ConsumerGroups', () => {
  it('says who reads each saga topic and whether they keep up', async () => {
    const region = show(
      answer(ConsumersResponse, {
        items: [
          topicConsumers('payment.events'),
          topicConsumers('shipping.events', { verdict: 'no-consumers', summary: 'Nobody reads shipping.events.', groups: [], error: 'describe groups timed out' }),
        ],
      }),
    );
    expect(within(region).getByText('Loading consumer groups…')).toBeTruthy();
    const table = await within(region).findByRole('table', { name: 'Consumers per topic' });
    const row = (topic: string) => within(table).getByRole('rowheader', { name: topic }).closest('tr')!;
    expect(within(row('payment.events')).getByText('Consuming')).toBeTruthy();
    expect(row('payment.events').textContent).toContain('payment-service (2, 0 records, 2 s ago)');
    expect(within(row('shipping.events')).getByText('No consumers')).toBeTruthy();
    expect(row('shipping.events').textContent).toContain('Nobody reads shipping.events. describe groups timed out');
  });

  it('says why the groups could not be read', async () => {
    const region = show(failure(503, 'admin client not connected'));
    expect(await within(region).findByText('Could not load consumer groups: admin client not connected')).toBeTruthy();
  });
});
