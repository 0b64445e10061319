import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithClient } from '../../testing/components/render';
import { ChartFigure } from './chart-figure';

describe('ChartFigure', () => {
  it('is a figure named by its caption, with a text summary beside the chart', () => {
    renderWithClient(
      <ChartFigure name="Throughput" subtitle="per 1 min" summary="4 started">
        <svg role="img" aria-label="the chart" />
      </ChartFigure>,
    );
    const figure = screen.getByRole('figure', { name: 'Throughput' });
    expect(within(figure).getByText('per 1 min')).toBeTruthy();
    expect(within(figure).getByText('4 started')).toBeTruthy();
    expect(within(figure).getByRole('img', { name: 'the chart' })).toBeTruthy();
  });

  it('shows the empty text instead of the chart and its summary', () => {
    renderWithClient(
      <ChartFigure name="Throughput" subtitle="" summary="4 started" emptyText="No data yet.">
        <svg role="img" aria-label="the chart" />
      </ChartFigure>,
    );
    const figure = screen.getByRole('figure', { name: 'Throughput' });
    expect(within(figure).getByText('No data yet.')).toBeTruthy();
    expect(within(figure).queryByRole('img')).toBeNull();
    expect(within(figure).queryByText('4 started')).toBeNull();
  });
});
