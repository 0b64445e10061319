import { HealthResponse, SagaDetail } from '../../lib/wire/rest';
import { pollUntil } from '../../lib/poll-until';

export async function getHealth(url: string): Promise<HealthResponse> {
  return HealthResponse.parse(await (await fetch(`${url}/api/health`)).json());
}

export async function getDetail(url: string, id: string): Promise<SagaDetail | undefined> {
  const res = await fetch(`${url}/api/sagas/${encodeURIComponent(id)}`);
  return res.status === 200 ? SagaDetail.parse(await res.json()) : undefined;
}

/** Waits until the monitor has consumed `count` records more than it had in `before`, and returns its health then. */
export function consumedAfter(url: string, before: HealthResponse, count: number, timeoutMs = 30_000): Promise<HealthResponse> {
  return pollUntil(
    `${count} more records consumed`,
    async () => {
      const h = await getHealth(url);
      return h.consumed >= before.consumed + count ? h : undefined;
    },
    timeoutMs,
  );
}

/** Rejections by reason between two health snapshots, reasons without a change left out. */
export function rejectedDelta(before: HealthResponse, after: HealthResponse): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [reason, n] of Object.entries(after.rejected.byReason)) {
    const d = n - (before.rejected.byReason[reason] ?? 0);
    if (d !== 0) out[reason] = d;
  }
  return out;
}
