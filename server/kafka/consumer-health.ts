import type { HealthResponse } from '../../lib/wire/rest';

interface PartitionState {
  low: bigint;
  endAtStart: bigint;
  position: bigint | null;
}

/** Connection state and catch-up progress of the consumer, as the health endpoint reports them. */
export class ConsumerHealth {
  state: HealthResponse['kafka']['state'] = 'connecting';
  lastError: string | null = null;
  since: number;
  consumed = 0;
  readonly startedAt: number;
  private doneAt: number | null = null;
  /** False until the end offsets of the existing topics are known: before that nothing is caught up. */
  private offsetsKnown = false;
  private readonly topics = new Map<string, Map<number, PartitionState> | null>();
  /** Partitions not yet at the end offsets they had when found: kept so a record costs O(1) here. */
  private behind = 0;
  private readonly problems = new Map<string, string>();

  constructor(
    topics: string[],
    private readonly brokers: string[],
    private readonly now: () => number,
  ) {
    this.startedAt = now();
    this.since = this.startedAt;
    for (const t of topics) this.topics.set(t, null);
  }

  setState(state: HealthResponse['kafka']['state'], error?: string): void {
    if (error !== undefined) this.lastError = error;
    if (state === this.state) return;
    this.state = state;
    this.since = this.now();
  }

  /** Records the end offsets seen when a topic was first found: catch-up means reaching them. */
  setTopicOffsets(topic: string, partitions: Array<{ partition: number; low: string; high: string }>): void {
    const existing = this.topics.get(topic) ?? new Map<number, PartitionState>();
    for (const p of partitions) {
      if (existing.has(p.partition)) continue;
      const state: PartitionState = { low: BigInt(p.low), endAtStart: BigInt(p.high), position: null };
      existing.set(p.partition, state);
      if (!partitionCaughtUp(state)) this.behind += 1;
    }
    this.topics.set(topic, existing);
  }

  markOffsetsKnown(): void {
    this.offsetsKnown = true;
    if (this.doneAt === null && this.caughtUp()) this.doneAt = this.now();
  }

  /** A topic gone from the cluster: its partitions no longer count towards catch-up. */
  forgetTopic(topic: string): void {
    for (const p of this.topics.get(topic)?.values() ?? []) if (!partitionCaughtUp(p)) this.behind -= 1;
    this.topics.set(topic, null);
  }

  /** What is wrong with a topic, in words for the health page; null once it is fine again. */
  setProblem(topic: string, problem: string | null): void {
    if (problem === null) this.problems.delete(topic);
    else this.problems.set(topic, problem);
  }

  missingTopics(): string[] {
    return [...this.topics.entries()].filter(([, p]) => p === null).map(([t]) => t);
  }

  advance(topic: string, partition: number, nextOffset: string, count: number): void {
    this.consumed += count;
    const p = this.topics.get(topic)?.get(partition);
    if (!p) return;
    const next = BigInt(nextOffset);
    if (p.position !== null && next <= p.position) return;
    const wasCaughtUp = partitionCaughtUp(p);
    p.position = next;
    if (!wasCaughtUp && partitionCaughtUp(p)) this.behind -= 1;
    if (this.doneAt === null && this.caughtUp()) this.doneAt = this.now();
  }

  caughtUp(): boolean {
    return this.offsetsKnown && this.behind === 0;
  }

  snapshot(): Pick<HealthResponse, 'kafka' | 'catchUp' | 'topics' | 'consumed'> {
    let total = 0n;
    let done = 0n;
    const topics: HealthResponse['topics'] = [];
    for (const [topic, parts] of [...this.topics.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const partitions = [...(parts?.entries() ?? [])]
        .sort(([a], [b]) => a - b)
        .map(([partition, p]) => {
          total += p.endAtStart - p.low;
          const pos = p.position ?? p.low;
          done += (pos < p.endAtStart ? pos : p.endAtStart) - p.low;
          return {
            partition,
            endAtStart: p.endAtStart.toString(),
            position: p.position === null ? null : p.position.toString(),
            caughtUp: partitionCaughtUp(p),
          };
        });
      topics.push({ topic, exists: parts !== null, partitions, problem: this.problems.get(topic) ?? null });
    }
    const isDone = this.caughtUp();
    if (isDone && this.doneAt === null) this.doneAt = this.now();
    return {
      kafka: { state: this.state, brokers: this.brokers, lastError: this.lastError, since: this.since },
      catchUp: {
        done: isDone,
        progress: total === 0n ? (isDone ? 1 : 0) : Number((done * 10_000n) / total) / 10_000,
        startedAt: this.startedAt,
        doneAt: this.doneAt,
      },
      topics,
      consumed: this.consumed,
    };
  }
}

function partitionCaughtUp(p: PartitionState): boolean {
  return p.endAtStart <= p.low || (p.position !== null && p.position >= p.endAtStart);
}
