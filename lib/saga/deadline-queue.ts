/**
 * Deadlines of in-flight sagas in a binary min-heap. Rescheduling pushes a new entry and leaves the old one to be
 * skipped when popped, so each event costs O(log n) and a tick touches only what expired, never every saga.
 */
export class DeadlineQueue {
  private readonly heap: Array<{ at: number; id: string }> = [];
  private readonly current = new Map<string, number>();

  get size(): number {
    return this.current.size;
  }

  schedule(id: string, at: number): void {
    if (this.current.get(id) === at) return;
    this.current.set(id, at);
    this.push({ at, id });
    // Stale entries are bounded: rebuild once they outnumber the live ones.
    if (this.heap.length > 2 * this.current.size + 1024) this.rebuild();
  }

  cancel(id: string): void {
    this.current.delete(id);
  }

  deadlineOf(id: string): number | undefined {
    return this.current.get(id);
  }

  /** Removes and returns every id whose deadline is at or before `now`, earliest first. */
  popExpired(now: number): Array<{ id: string; at: number }> {
    const out: Array<{ id: string; at: number }> = [];
    while (this.heap.length > 0 && this.heap[0]!.at <= now) {
      const top = this.pop()!;
      if (this.current.get(top.id) !== top.at) continue;
      this.current.delete(top.id);
      out.push(top);
    }
    return out;
  }

  private rebuild(): void {
    this.heap.length = 0;
    for (const [id, at] of this.current) this.push({ at, id });
  }

  private push(entry: { at: number; id: string }): void {
    const h = this.heap;
    h.push(entry);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p]!.at <= h[i]!.at) break;
      [h[p], h[i]] = [h[i]!, h[p]!];
      i = p;
    }
  }

  private pop(): { at: number; id: string } | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && h[l]!.at < h[m]!.at) m = l;
        if (r < h.length && h[r]!.at < h[m]!.at) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i]!, h[m]!];
        i = m;
      }
    }
    return top;
  }
}
