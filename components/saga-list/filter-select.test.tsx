import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithClient } from '../../testing/components/render';
import { FilterSelect } from './filter-select';

const OPTIONS = [
  { value: 'stuck', label: 'stuck' },
  { value: 'failed', label: 'failed' },
];
const select = () => screen.getByRole<HTMLSelectElement>('combobox', { name: 'Status' });
const optionTexts = () => within(select()).getAllByRole('option').map((o) => o.textContent);

describe('FilterSelect', () => {
  it.each([
    ['nothing', [], '', ['All', 'stuck', 'failed']],
    ['one known value', ['stuck'], 'stuck', ['All', 'stuck', 'failed']],
    ['a list from the URL, as one extra option', ['failed', 'stuck'], 'failed,stuck', ['All', 'stuck', 'failed', 'failed, stuck']],
  ])('shows %s as applied', (_name, values, shown, options) => {
    renderWithClient(<FilterSelect label="Status" values={values} options={OPTIONS} onChange={() => {}} />);
    expect(select().value).toBe(shown);
    expect(optionTexts()).toEqual(options);
  });

  it.each([
    ['a value', 'failed', ['failed']],
    ['All', '', []],
  ])('reports choosing %s', (_name, choice, values) => {
    const onChange = vi.fn();
    renderWithClient(<FilterSelect label="Status" values={['stuck']} options={OPTIONS} onChange={onChange} />);
    fireEvent.change(select(), { target: { value: choice } });
    expect(onChange).toHaveBeenCalledWith(values);
  });
});
