import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiFailure } from '../../lib/api/fetch-json';
import { renderWithClient } from '../../testing/components/render';
import { RefreshError } from './refresh-error';

describe('RefreshError', () => {
  it.each([
    ['a saga the monitor no longer keeps', new ApiFailure(404, 'no saga with this id'), 'The monitor no longer keeps this saga; showing the last copy: no saga with this id'],
    ['any other failure', new ApiFailure(503, 'store closed'), 'Could not refresh; showing the last copy: store closed'],
  ])('explains %s and offers a retry', async (_name, error, text) => {
    const onRetry = vi.fn();
    renderWithClient(<RefreshError error={error} onRetry={onRetry} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toBe(`${text} Retry`);
    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledOnce();
  });
});
