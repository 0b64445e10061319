/** Stripe patterns: compensation bars and the stuck part of a waiting bar must differ by more than colour. */
export function TimelineDefs({ compId, stuckId }: { compId: string; stuckId: string }) {
  return (
    <defs>
      <pattern id={compId} width={6} height={6} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width={6} height={6} fill="#fde7c8" />
        <rect width={3} height={6} fill="#d97706" />
      </pattern>
      <pattern id={stuckId} width={8} height={8} patternUnits="userSpaceOnUse" patternTransform="rotate(-45)">
        <rect width={8} height={8} fill="#f1e4fb" />
        <rect width={3} height={8} fill="#8a2be2" />
      </pattern>
    </defs>
  );
}
