import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { compensatedOrder, stuckCompensation, stuckTrip, T0 } from '../../testing/fixtures/timeline';
import type { SagaDetail } from '../../lib/wire/rest';
import { renderWithClient } from '../../testing/components/render';
import { SagaSummary } from './saga-summary';

function show(saga: SagaDetail, now: number) {
  renderWithClient(<SagaSummary saga={saga} now={now} />);
  const region = screen.getByRole('region', { name: 'Saga summary' });
  const fact = (term: string) => within(region).queryByText(term, { selector: 'dt' })?.nextElementSibling?.textContent ?? null;
  return { region, fact };
}

describe('SagaSummary', () => {
  it('names the saga, its status and type, linking the type to the list', () => {
    const { region } = show(compensatedOrder, T0 + 5_000);
    expect(within(region).getByRole('heading', { level: 1, name: compensatedOrder.id })).toBeTruthy();
    expect(within(region).getByText('Status:').parentElement!.textContent).toBe('Status: compensated');
    expect(within(region).getByRole('link', { name: 'order-fulfilment' }).getAttribute('href')).toBe('/?type=order-fulfilment');
    expect(within(region).getByRole('link', { name: 'Back to the saga list' }).getAttribute('href')).toBe('/');
  });

  it('gives a finished saga its duration and no running time', () => {
    const { fact } = show(compensatedOrder, T0 + 5_000);
    expect(fact('Duration')).toMatch(/^1\.3\d* s$/);
    expect(fact('Running for')).toBeNull();
    expect(fact('Stuck since')).toBeNull();
    expect(fact('Events')).toBe('9');
  });

  it('gives a stuck saga its running time and how long it has been stuck', () => {
    const { fact } = show(stuckTrip, T0 + 20_000);
    expect(fact('Running for')).toBe('20 s');
    expect(fact('Current step')).toBe('car');
    expect(fact('Stuck since')).toMatch(/\(11 s\)$/);
  });

  it('says when the current step is being compensated', () => {
    expect(show(stuckCompensation, T0 + 20_000).fact('Current step')).toBe('payment (compensating)');
  });
});
