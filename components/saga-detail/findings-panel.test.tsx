import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { T0 } from '../../testing/fixtures/timeline';
import { renderWithClient } from '../../testing/components/render';
import { FindingsPanel } from './findings-panel';

describe('FindingsPanel', () => {
  it('is left out when nothing was found', () => {
    renderWithClient(<FindingsPanel findings={[]} />);
    renderWithClient(<FindingsPanel findings={undefined} />);
    expect(screen.queryByRole('region', { name: 'Findings' })).toBeNull();
  });

  it('lists each finding with the records that show it', () => {
    renderWithClient(
      <FindingsPanel
        findings={[
          {
            kind: 'duplicate-command',
            step: 'payment',
            at: T0,
            message: 'payment was started twice without a manual retry.',
            evidence: [
              { topic: 'payment.commands', partition: 0, offset: '10' },
              { topic: 'payment.commands', partition: 0, offset: '12' },
            ],
          },
          { kind: 'uncompensated', step: null, at: T0, message: 'inventory was never undone.', evidence: [] },
        ]}
      />,
    );
    const items = within(screen.getByRole('region', { name: 'Findings' })).getAllByRole('listitem');
    expect(items.map((i) => i.textContent)).toEqual([
      'Duplicate commandpayment was started twice without a manual retry. (payment.commands/0@10, payment.commands/0@12)',
      'Not compensatedinventory was never undone. ',
    ]);
  });
});
