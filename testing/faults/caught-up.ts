import type { HealthResponse } from '../../lib/wire/rest';
import { pollUntil } from '../../lib/poll-until';

/**
 * Waits until the monitor's position on every partition in `ends` reached that end offset, as its health reports:
 * from then on its view holds every record the log held when `ends` was read.
 */
export function waitConsumedTo(health: () => Promise<HealthResponse>, ends: Map<string, bigint>, timeoutMs: number): Promise<HealthResponse> {
  return pollUntil(
    'the monitor to read up to the end offsets',
    async () => {
      const h = await health();
      const position = new Map<string, bigint>(h.topics.flatMap((t) => t.partitions.map((p) => [`${t.topic}/${p.partition}`, p.position === null ? 0n : BigInt(p.position)] as const)));
      for (const [slot, end] of ends) if (end > 0n && (position.get(slot) ?? 0n) < end) return false;
      return h;
    },
    timeoutMs,
  );
}
