/** Admin calls of one consumer-group check, bounded and tolerant of one group's failure. */
import type { Admin, GroupDescription } from 'kafkajs';

/** Admin requests in flight at once: a check finishes in a few round trips without a burst of hundreds. */
export const ADMIN_CONCURRENCY = 8;

/** An error as `Name: message`, for texts an operator reads. */
export function words(e: unknown): string {
  const err = e as Error;
  return `${err?.name ?? 'Error'}: ${err?.message ?? String(e)}`;
}

/** Notes kept in one error text: enough to act on, bounded when a whole cluster's groups fail alike. */
const MAX_NOTES = 5;

export function joinNotes(notes: string[]): string | null {
  if (notes.length === 0) return null;
  const more = notes.length - MAX_NOTES;
  return notes.slice(0, MAX_NOTES).join('; ') + (more > 0 ? `; and ${more} more` : '');
}

/** `work` over every item, at most `limit` at a time, results in item order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

/**
 * Describes the groups in one request per coordinator; kafkajs fails the whole batch on one group's error code, so
 * then each is described alone and only the failing ones are missing (and named in `notes`).
 */
export async function describeGroups(admin: Admin, groupIds: string[], notes: string[]): Promise<Map<string, GroupDescription>> {
  const out = new Map<string, GroupDescription>();
  if (groupIds.length === 0) return out;
  try {
    for (const g of (await admin.describeGroups(groupIds)).groups) out.set(g.groupId, g);
    return out;
  } catch {
    const one = await mapLimit(groupIds, ADMIN_CONCURRENCY, (id) =>
      admin.describeGroups([id]).catch((e: unknown) => (notes.push(`describing group ${id}: ${words(e)}`), null)),
    );
    for (const r of one) for (const g of r?.groups ?? []) out.set(g.groupId, g);
    return out;
  }
}

