import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { visit } from '../testing/components/next-navigation';
import { renderWithClient } from '../testing/components/render';
import { AppNav } from './app-nav';

vi.mock('next/navigation', () => import('../testing/components/next-navigation'));

describe('AppNav', () => {
  it.each([
    ['/', 'Overview'],
    ['/health', 'Health'],
  ])('marks the page at %s as current', (path, current) => {
    visit(path);
    renderWithClient(<AppNav />);
    const nav = screen.getByRole('navigation', { name: 'Main' });
    const links = within(nav).getAllByRole('link');
    expect(links.map((l) => [l.textContent, l.getAttribute('aria-current')])).toEqual(
      ['Overview', 'Health'].map((name) => [name, name === current ? 'page' : null]),
    );
  });

  it('marks nothing on a drill-down', () => {
    visit('/sagas/o-1');
    renderWithClient(<AppNav />);
    expect(within(screen.getByRole('navigation', { name: 'Main' })).getAllByRole('link').some((l) => l.hasAttribute('aria-current'))).toBe(false);
  });
});
