/** First capacity of the flat arrays; they double as needed. */
const INITIAL_CAPACITY = 1_024;
/** Stale heap entries are tolerated up to this many beyond twice the live ones, then the heap is rebuilt. */
const STALE_SLACK = 1_024;

/**
 * Deadlines of in-flight sagas (or end times of finished ones) in a binary min-heap, earliest first and equal times in
 * id order, so what comes out first never depends on the order ids went in. Rescheduling pushes a new entry and leaves the old one to be
 * skipped when popped, so each event costs O(log n) and a tick touches only what expired, never every saga.
 *
 * Each id gets a slot; the heap holds (deadline, slot) pairs in typed arrays. A million in-flight sagas are then a
 * few flat arrays rather than a million small objects for the collector to trace and for each event to allocate.
 * Invariant: a heap entry is live exactly when its slot's current deadline equals the entry's deadline, so entries
 * left behind by a reschedule, a cancel or a reused slot never fire for the wrong time.
 */
export class DeadlineQueue {
  private readonly slotOf = new Map<string, number>();
  private ids: string[] = [];
  /** Current deadline per slot; NaN for a free slot. */
  private due = new Float64Array(INITIAL_CAPACITY).fill(Number.NaN);
  private readonly freeSlots: number[] = [];
  private heapAt = new Float64Array(INITIAL_CAPACITY);
  private heapSlot = new Int32Array(INITIAL_CAPACITY);
  private heapLength = 0;

  get size(): number {
    return this.slotOf.size;
  }

  schedule(id: string, at: number): void {
    let slot = this.slotOf.get(id);
    if (slot === undefined) {
      slot = this.allocate(id);
    } else if (this.due[slot] === at) {
      return;
    }
    this.due[slot] = at;
    this.push(at, slot);
    if (this.heapLength > 2 * this.slotOf.size + STALE_SLACK) this.rebuild();
  }

  cancel(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot !== undefined) this.release(id, slot);
  }

  deadlineOf(id: string): number | undefined {
    const slot = this.slotOf.get(id);
    return slot === undefined ? undefined : this.due[slot];
  }

  /** Removes and returns every id whose deadline is at or before `now`, earliest first. */
  popExpired(now: number): Array<{ id: string; at: number }> {
    const out: Array<{ id: string; at: number }> = [];
    while (this.heapLength > 0 && this.heapAt[0] <= now) {
      const at = this.heapAt[0];
      const slot = this.heapSlot[0];
      this.popTop();
      if (this.due[slot] !== at) continue;
      const id = this.ids[slot];
      this.release(id, slot);
      out.push({ id, at });
    }
    return out;
  }

  /** The id with the earliest time (ties: the smallest id), left in the queue; undefined when empty. */
  peek(): { id: string; at: number } | undefined {
    while (this.heapLength > 0) {
      const at = this.heapAt[0];
      const slot = this.heapSlot[0];
      if (this.due[slot] === at) return { id: this.ids[slot], at };
      this.popTop();
    }
    return undefined;
  }

  /** Removes and returns the id with the earliest time (ties: the smallest id); undefined when empty. */
  shift(): string | undefined {
    const first = this.peek();
    if (first) this.cancel(first.id);
    return first?.id;
  }

  /** Heap order: earlier time first, then smaller id. */
  private before(at: number, slot: number, otherAt: number, otherSlot: number): boolean {
    return at < otherAt || (at === otherAt && this.ids[slot] < this.ids[otherSlot]);
  }

  private allocate(id: string): number {
    let slot = this.freeSlots.pop();
    if (slot === undefined) {
      slot = this.ids.length;
      if (slot >= this.due.length) {
        const due = new Float64Array(this.due.length * 2).fill(Number.NaN);
        due.set(this.due);
        this.due = due;
      }
      this.ids.push(id);
    } else {
      this.ids[slot] = id;
    }
    this.slotOf.set(id, slot);
    return slot;
  }

  private release(id: string, slot: number): void {
    this.slotOf.delete(id);
    this.due[slot] = Number.NaN;
    // Let the id string go; the slot is reused by the next new id.
    this.ids[slot] = '';
    this.freeSlots.push(slot);
  }

  /** Live entries only, heapified bottom-up in O(n). */
  private rebuild(): void {
    let n = 0;
    for (const slot of this.slotOf.values()) {
      this.heapAt[n] = this.due[slot]!;
      this.heapSlot[n] = slot;
      n += 1;
    }
    this.heapLength = n;
    for (let i = (n >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  private push(at: number, slot: number): void {
    if (this.heapLength === this.heapAt.length) {
      const heapAt = new Float64Array(this.heapAt.length * 2);
      heapAt.set(this.heapAt);
      this.heapAt = heapAt;
      const heapSlot = new Int32Array(this.heapSlot.length * 2);
      heapSlot.set(this.heapSlot);
      this.heapSlot = heapSlot;
    }
    const hAt = this.heapAt;
    const hSlot = this.heapSlot;
    let i = this.heapLength;
    this.heapLength += 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.before(at, slot, hAt[p], hSlot[p])) break;
      hAt[i] = hAt[p]!;
      hSlot[i] = hSlot[p]!;
      i = p;
    }
    hAt[i] = at;
    hSlot[i] = slot;
  }

  private popTop(): void {
    this.heapLength -= 1;
    const last = this.heapLength;
    if (last === 0) return;
    this.heapAt[0] = this.heapAt[last]!;
    this.heapSlot[0] = this.heapSlot[last]!;
    this.siftDown(0);
  }

  private siftDown(from: number): void {
    const hAt = this.heapAt;
    const hSlot = this.heapSlot;
    const n = this.heapLength;
    const at = hAt[from];
    const slot = hSlot[from];
    let i = from;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && this.before(hAt[r], hSlot[r], hAt[l], hSlot[l]) ? r : l;
      if (!this.before(hAt[c], hSlot[c], at, slot)) break;
      hAt[i] = hAt[c]!;
      hSlot[i] = hSlot[c]!;
      i = c;
    }
    hAt[i] = at;
    hSlot[i] = slot;
  }
}
