'use client';

/** Placeholder: the saga list. */
export function SagaList() {
  return <section aria-label="Sagas" />;
}
