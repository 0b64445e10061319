/** Facts about one consumer group read from admin answers: who is assigned what, and how far behind it is. */
import { AssignerProtocol, type GroupDescription } from 'kafkajs';
import type { PartitionOffsets } from './topic-watch';

/** A rebalance clears assignments until it ends; until then a member's subscription says what it is about to read. */
const REBALANCING = new Set(['PreparingRebalance', 'CompletingRebalance']);

/** Topics a member reads: its assigned partitions, or during a rebalance its subscription. Unreadable bytes read nothing. */
function memberTopics(m: GroupDescription['members'][number], rebalancing: boolean): string[] {
  try {
    if (rebalancing) return AssignerProtocol.MemberMetadata.decode(m.memberMetadata)?.topics ?? [];
    const a = AssignerProtocol.MemberAssignment.decode(m.memberAssignment);
    return Object.entries(a?.assignment ?? {})
      .filter(([, partitions]) => partitions.length > 0)
      .map(([topic]) => topic);
  } catch {
    // Not the consumer protocol's encoding (another client's protocol): nothing this monitor can attribute.
    return [];
  }
}

/** Members per watched topic, counting a member once per topic however many partitions it has. */
export function membersOnTopics(group: GroupDescription, watched: ReadonlySet<string>): Map<string, number> {
  const rebalancing = REBALANCING.has(group.state);
  const counts = new Map<string, number>();
  for (const m of group.members) {
    for (const t of new Set(memberTopics(m, rebalancing))) if (watched.has(t)) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return counts;
}

export interface CommittedOffset {
  partition: number;
  /** '-1' when the group never committed on the partition. */
  offset: string;
}

/** Committed offsets that are real positions (kafkajs reports '-1' for none). */
export function committedPositions(partitions: readonly CommittedOffset[]): Map<number, bigint> {
  const out = new Map<number, bigint>();
  for (const p of partitions) {
    const o = BigInt(p.offset);
    if (o >= 0n) out.set(p.partition, o);
  }
  return out;
}

/**
 * Records behind, summed over the topic's partitions: end offset minus the committed offset. A partition without a
 * commit counts from its low watermark, and so does a commit below it (those records are gone from the log).
 */
export function lagOf(committed: ReadonlyMap<number, bigint>, ends: readonly PartitionOffsets[]): number {
  let lag = 0n;
  for (const p of ends) {
    const low = BigInt(p.low);
    const high = BigInt(p.high);
    const from = committed.get(p.partition) ?? low;
    const behind = high - (from > low ? from : low);
    if (behind > 0n) lag += behind;
  }
  return Number(lag);
}

/** Whether any committed offset moved between two looks (a partition committed for the first time counts). */
export function commitsMoved(before: ReadonlyMap<number, bigint>, after: ReadonlyMap<number, bigint>): boolean {
  for (const [partition, o] of after) if (before.get(partition) !== o) return true;
  return false;
}
