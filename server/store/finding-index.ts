import type { SagaTypeConfig } from '../../lib/config/schema';
import { computeFindings, mergeFindings } from '../../lib/saga/findings';
import type { SagaState } from '../../lib/saga/saga-state';
import { type Finding, type FindingKind } from '../../lib/wire/rest';
import { FINDING_KINDS } from '../../lib/vocabulary';

const NONE: readonly Finding[] = Object.freeze([]);

function kindsIn(findings: readonly Finding[]): FindingKind[] {
  return FINDING_KINDS.filter((k) => findings.some((f) => f.kind === k));
}

/**
 * Findings per saga, and how many sagas have each kind: the counts change with each saga's update, so the overview
 * never scans every saga. Only sagas with findings are held.
 */
export class FindingIndex {
  private readonly byId = new Map<string, readonly Finding[]>();
  private readonly sagasWith = Object.fromEntries(FINDING_KINDS.map((k) => [k, 0])) as Record<FindingKind, number>;

  /** Recomputes one saga's findings from its new state: cost is linear in that saga's events. */
  update(state: SagaState, config: SagaTypeConfig): void {
    const before = this.byId.get(state.id) ?? NONE;
    const after = mergeFindings(before, computeFindings(state, config), state);
    if (before.length === 0 && after.length === 0) return;
    this.count(before, -1);
    this.count(after, 1);
    if (after.length === 0) this.byId.delete(state.id);
    else this.byId.set(state.id, after);
  }

  forget(id: string): void {
    const gone = this.byId.get(id);
    if (!gone) return;
    this.count(gone, -1);
    this.byId.delete(id);
  }

  of(id: string): Finding[] {
    return [...(this.byId.get(id) ?? NONE)];
  }

  kindsOf(id: string): FindingKind[] {
    const f = this.byId.get(id);
    return f ? kindsIn(f) : [];
  }

  hasAny(id: string, kinds: ReadonlySet<FindingKind>): boolean {
    return this.byId.get(id)?.some((f) => kinds.has(f.kind)) ?? false;
  }

  /** Sagas held that have each kind. */
  counts(): Record<FindingKind, number> {
    return { ...this.sagasWith };
  }

  private count(findings: readonly Finding[], delta: number): void {
    for (const k of kindsIn(findings)) this.sagasWith[k] += delta;
  }
}
