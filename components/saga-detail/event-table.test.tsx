import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { compensatedOrder, T0 } from '../../testing/fixtures/timeline';
import type { EventView } from '../../lib/wire/rest';
import { renderWithClient } from '../../testing/components/render';
import { EventTable } from './event-table';

const withValue: EventView = {
  ...compensatedOrder.events[1],
  key: 'ord-1',
  headers: { 'saga-id': 'ord-1', 'content-type': 'application/json' },
  value: '{"type":"AuthorizePayment","amount":12}',
};
const retried: EventView = { ...compensatedOrder.events[2], effect: 'retry', value: JSON.stringify({ requestedBy: 'alice' }) };

function show(events: EventView[], droppedEvents = 0) {
  renderWithClient(<EventTable events={events} startedAt={T0} droppedEvents={droppedEvents} />);
  return screen.getByRole('region', { name: /^Events/ });
}
const rowOf = (region: HTMLElement, offset: string) => within(region).getByRole('cell', { name: offset }).closest('tr')!;
const announced = (region: HTMLElement) => within(region).getByRole('status').textContent;

describe('EventTable', () => {
  it('lists every record with its coordinates, effect and time since the start', () => {
    const region = show(compensatedOrder.events);
    expect(within(region).getByRole('heading', { name: `Events (${compensatedOrder.events.length})` })).toBeTruthy();
    const row = rowOf(region, '1027');
    expect(row.textContent).toContain('payment.events');
    expect(row.textContent).toContain('PaymentAuthorized');
    expect(row.textContent).toContain('step-completed');
    expect(row.textContent).toMatch(/\+176 ms/);
  });

  it('says how many older events are not kept, and when none are', () => {
    expect(show([], 3).textContent).toContain('3 older events are not kept; they are in Kafka.');
    expect(screen.getByText('The monitor keeps no events of this saga; its records are in Kafka.')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('names who asked for a retry', () => {
    expect(rowOf(show([retried]), retried.offset).textContent).toContain('retry by alice');
  });

  it('shows a payload on demand: key, headers and the value as formatted JSON', async () => {
    const region = show([withValue]);
    const toggle = within(rowOf(region, withValue.offset)).getByRole('button', { name: 'Show payload' });
    const panel = document.getElementById(toggle.getAttribute('aria-controls')!)!;
    expect(panel.hidden).toBe(true);
    await userEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(panel.hidden).toBe(false);
    const pre = within(panel).getByLabelText(`Headers and value of payment.commands/2/${withValue.offset}`);
    expect(pre.textContent).toBe('saga-id: ord-1\ncontent-type: application/json\n\n{\n  "type": "AuthorizePayment",\n  "amount": 12\n}');
    expect(within(panel).getByText('JSON, formatted')).toBeTruthy();
  });

  it('copies a payload and says so once, through the table’s live region', async () => {
    const write = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue();
    const region = show([withValue]);
    await userEvent.click(within(rowOf(region, withValue.offset)).getByRole('button', { name: 'Copy payload' }));
    expect(write).toHaveBeenCalledWith(withValue.value);
    expect(announced(region)).toBe(`Copied payload of payment.commands/2/${withValue.offset}`);
  });

  it('says why a copy failed', async () => {
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('permission denied'));
    const region = show([withValue]);
    await userEvent.click(within(rowOf(region, withValue.offset)).getByRole('button', { name: 'Copy payload' }));
    expect(announced(region)).toBe(`Could not copy payload of payment.commands/2/${withValue.offset}: permission denied`);
  });

  it('cannot copy a record without a value', () => {
    const region = show([{ ...withValue, value: null }]);
    expect(within(rowOf(region, withValue.offset)).getByRole('button', { name: 'Copy payload' })).toHaveProperty('disabled', true);
  });
});
