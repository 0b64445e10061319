/** Maps times in [d0, d1] linearly onto pixels [r0, r1]; an empty domain maps everything to r0. */
export function linearScale(d0: number, d1: number, r0: number, r1: number): (t: number) => number {
  const span = d1 - d0;
  if (span <= 0) return () => r0;
  const k = (r1 - r0) / span;
  return (t) => r0 + (t - d0) * k;
}
