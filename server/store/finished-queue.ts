/** Dead entries beyond this many (and beyond the live ones) are dropped from the front of the queue in one go. */
const COMPACT_AFTER = 4_096;

/**
 * Ids in the order they were last touched, oldest first, with O(1) touch and shift. A Set re-inserted in that order
 * would do the same, but finding its first value walks over every deleted slot before it, which grows with the cap.
 * An id touched again is queued again; its earlier entry is dead and skipped when it reaches the front.
 */
export class FinishedQueue {
  private order: string[] = [];
  /** Sequence number of the front of `order`: entry i has number base + i. */
  private base = 0;
  private head = 0;
  /** Each live id's sequence number. */
  private readonly live = new Map<string, number>();

  get size(): number {
    return this.live.size;
  }

  touch(id: string): void {
    this.live.set(id, this.base + this.order.length);
    this.order.push(id);
  }

  /** Takes `id` out of the queue, wherever it is; its entry is dead and skipped when it reaches the front. */
  delete(id: string): void {
    this.live.delete(id);
  }

  /** Removes and returns the id touched longest ago, or undefined when empty. */
  shift(): string | undefined {
    while (this.head < this.order.length) {
      const seq = this.base + this.head;
      const id = this.order[this.head++];
      if (this.live.get(id) !== seq) continue;
      this.live.delete(id);
      this.compact();
      return id;
    }
    return undefined;
  }

  private compact(): void {
    if (this.head < COMPACT_AFTER || this.head < this.order.length - this.head) return;
    this.order = this.order.slice(this.head);
    this.base += this.head;
    this.head = 0;
  }
}
