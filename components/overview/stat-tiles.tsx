'use client';

/** Placeholder: live tiles. */
export function StatTiles() {
  return <section aria-label="Live counts" />;
}
