import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithClient } from '../../testing/components/render';
import { health } from '../../testing/components/wire-fixtures';
import { RecordCounts } from './record-counts';

const described = (region: HTMLElement, term: string) => within(region).getByText(term, { selector: 'dt' }).nextElementSibling?.textContent;

describe('RecordCounts', () => {
  it('shows what went through the consumer', () => {
    renderWithClient(<RecordCounts health={health({ consumed: 12_345, applied: 12_300, rejected: { total: 45, byReason: {}, samples: [] }, sagas: 900 })} />);
    const region = screen.getByRole('region', { name: 'Record counts' });
    expect(['Records consumed', 'Applied to sagas', 'Rejected', 'Sagas in memory'].map((t) => described(region, t))).toEqual(['12,345', '12,300', '45', '900']);
  });
});
