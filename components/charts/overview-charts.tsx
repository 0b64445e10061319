'use client';

/** Placeholder: overview charts. */
export function OverviewCharts() {
  return <section aria-label="Charts" />;
}
