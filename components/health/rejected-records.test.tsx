import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { REJECT_REASONS } from '../../lib/vocabulary';
import type { HealthResponse } from '../../lib/wire/rest';
import { renderWithClient } from '../../testing/components/render';
import { NOW } from '../../testing/components/wire-fixtures';
import { RejectedRecords } from './rejected-records';

type Rejected = HealthResponse['rejected'];
const sample = (offset: string, over: Partial<Rejected['samples'][number]> = {}): Rejected['samples'][number] => ({
  reason: 'invalid-json',
  detail: 'Unexpected token < in JSON at position 0',
  topic: 'orders.requested',
  partition: 1,
  offset,
  timestamp: NOW,
  key: 'k-1',
  valuePreview: '<b>not json</b>',
  ...over,
});

function show(rejected: Rejected) {
  renderWithClient(<RejectedRecords rejected={rejected} />);
  return screen.getByRole('region', { name: 'Rejected records' });
}

describe('RejectedRecords', () => {
  it('says when nothing was rejected, still listing every reason', () => {
    const region = show({ total: 0, byReason: {}, samples: [] });
    expect(within(region).getByText('No rejected records')).toBeTruthy();
    const rows = within(within(region).getByRole('table', { name: 'Rejected by reason' })).getAllByRole('rowheader');
    expect(rows.map((r) => r.textContent)).toEqual([...REJECT_REASONS]);
    expect(within(region).getByText('No samples.')).toBeTruthy();
  });

  it('counts rejections by reason with what each means, and a reason this page does not know', () => {
    const region = show({ total: 3, byReason: { 'invalid-json': 2, 'from-the-future': 1 }, samples: [] });
    expect(within(region).getByText(/^3 records were skipped\./)).toBeTruthy();
    const row = (reason: string) => within(region).getByRole('rowheader', { name: reason }).closest('tr')!;
    expect(within(row('invalid-json')).getByText('2')).toBeTruthy();
    expect(within(row('empty-value')).getByText('0')).toBeTruthy();
    expect(within(row('from-the-future')).getByText('A reason this page does not know yet.')).toBeTruthy();
  });

  it('shows samples with their coordinates, values as text and never as markup', () => {
    const region = show({ total: 2, byReason: { 'invalid-json': 2 }, samples: [sample('41'), sample('42', { key: null, valuePreview: null })] });
    const samples = within(region).getByRole('list', { name: 'Samples (2)' });
    const [first, second] = within(samples).getAllByRole('listitem');
    expect(within(first).getByText('orders.requested/1/41')).toBeTruthy();
    expect(within(first).getByText('<b>not json</b>')).toBeTruthy();
    expect(first.querySelector('b')).toBeNull();
    expect(within(second).getByText('(no value)')).toBeTruthy();
    expect(second.textContent).toContain('key none');
  });
});
