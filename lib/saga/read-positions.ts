import { compareOffsets } from './record';

/**
 * The highest offset applied per topic partition. Kafka hands a consumer each partition's records in offset order and
 * hands them again only after a rebalance or a restart, from an earlier offset: a record at or below the highest
 * offset applied on its partition is one read before. That needs no memory per saga, so redelivery is told apart
 * whether its saga kept its timeline, lost it or was forgotten.
 */
export class ReadPositions {
  /** Per topic, the highest offset applied per partition (decimal strings: offsets are int64). */
  private readonly byTopic = new Map<string, string[]>();

  /** True when the record comes after every record applied from its partition, which it then becomes. */
  advance(topic: string, partition: number, offset: string): boolean {
    let parts = this.byTopic.get(topic);
    if (!parts) this.byTopic.set(topic, (parts = []));
    const top = parts[partition];
    if (top !== undefined && compareOffsets(offset, top) <= 0) return false;
    parts[partition] = offset;
    return true;
  }

  /** A topic deleted (and perhaps created again) numbers its records from its start again. */
  forget(topic: string): void {
    this.byTopic.delete(topic);
  }
}
