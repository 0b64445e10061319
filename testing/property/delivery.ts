/**
 * Delivery of a workload to the monitor, written from what a Kafka consumer group guarantees (kafkajs eachBatch):
 * the records of one partition come in offset order, in batches; partitions interleave arbitrarily and may lag far
 * behind each other; after a rebalance or a restart a partition is read again from its last committed offset, so
 * records come twice with the same topic, partition and offset.
 */
import type { Rng } from '../../lib/random';

interface Placed {
  topic: string;
  partition: number;
  appendedAt: number;
}

export interface CatchUpKnobs {
  maxBatch: number;
  /** Chance per batch that the partition is read again from an earlier offset first. */
  rewindRate: number;
  maxRewind: number;
}

export const CATCH_UP: CatchUpKnobs = { maxBatch: 64, rewindRate: 0.04, maxRewind: 40 };

export interface LiveKnobs {
  /** Fetch and processing delay between a record's append and its delivery. */
  maxDelayMs: number;
  /** Chance per record that the records up to it are delivered again (a rebalance in the middle of live traffic). */
  rewindRate: number;
  maxRewind: number;
}

export const LIVE: LiveKnobs = { maxDelayMs: 60, rewindRate: 0.002, maxRewind: 20 };

function partitions<R extends Placed>(log: readonly R[]): R[][] {
  const by = new Map<string, R[]>();
  for (const r of log) {
    const slot = `${r.topic}/${r.partition}`;
    const list = by.get(slot) ?? [];
    list.push(r);
    by.set(slot, list);
  }
  return [...by.values()];
}

/** A catch-up read from the start of retention: every partition drained in random batches, some lagging. */
export function catchUpOrder<R extends Placed>(log: readonly R[], rng: Rng, k: CatchUpKnobs = CATCH_UP): R[] {
  const parts = partitions(log).map((records) => ({ records, cursor: 0, weight: rng.float() ** 3 + 0.02 }));
  const out: R[] = [];
  let open = parts.filter((p) => p.records.length > 0);
  while (open.length > 0) {
    let u = rng.float() * open.reduce((s, p) => s + p.weight, 0);
    const p = open.find((q) => (u -= q.weight) < 0) ?? open[open.length - 1];
    if (p.cursor > 0 && rng.chance(k.rewindRate)) p.cursor -= rng.int(1, Math.min(k.maxRewind, p.cursor));
    const end = Math.min(p.records.length, p.cursor + rng.int(1, k.maxBatch));
    for (; p.cursor < end; p.cursor++) out.push(p.records[p.cursor]);
    open = open.filter((q) => q.cursor < q.records.length);
  }
  return out;
}

/** Live consumption: each record delivered shortly after its append, partitions keeping their order. */
export function liveSchedule<R extends Placed>(log: readonly R[], rng: Rng, k: LiveKnobs = LIVE): Array<{ at: number; record: R }> {
  const out: Array<{ at: number; record: R; lane: number; seq: number }> = [];
  const lanes = partitions(log);
  const laneRank = lanes.map(() => rng.float());
  lanes.forEach((records, lane) => {
    let at = -Infinity;
    let seq = 0;
    records.forEach((record, i) => {
      at = Math.max(at, record.appendedAt + rng.int(0, k.maxDelayMs));
      out.push({ at, record, lane, seq: seq++ });
      if (i > 0 && rng.chance(k.rewindRate)) {
        for (const again of records.slice(Math.max(0, i - rng.int(1, k.maxRewind)), i + 1)) {
          at += rng.int(0, 5);
          out.push({ at, record: again, lane, seq: seq++ });
        }
      }
    });
  });
  return out
    .sort((a, b) => a.at - b.at || laneRank[a.lane] - laneRank[b.lane] || a.lane - b.lane || a.seq - b.seq)
    .map(({ at, record }) => ({ at, record }));
}
