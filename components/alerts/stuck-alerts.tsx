'use client';

/** Placeholder: the always-visible stuck-saga alert area. */
export function StuckAlerts() {
  return <section aria-label="Stuck sagas" />;
}
