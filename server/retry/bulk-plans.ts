import { randomUUID } from 'node:crypto';
import type { Phase } from '../../lib/vocabulary';

/** A dry run's plan stays valid this long: long enough to read it, short enough that the sagas have not moved on. */
export const BULK_PLAN_TTL_MS = 10 * 60_000;
/** Plans kept per operator; an older one is dropped when a new dry run would pass it. */
const MAX_PLANS_PER_OPERATOR = 10;

/** One saga of a plan: what its dry run showed would be retried. */
export interface PlannedRetry {
  sagaId: string;
  step: string;
  phase: Phase;
}

interface Plan {
  operator: string;
  items: PlannedRetry[];
  expiresAt: number;
}

/**
 * The dry runs' plans, so a bulk retry sends exactly what its operator was shown: the plan belongs to who made it,
 * is used once and expires. Bounded per operator; expired plans go at the next dry run.
 */
export class BulkPlans {
  private readonly plans = new Map<string, Plan>();

  constructor(private readonly now: () => number) {}

  create(operator: string, items: PlannedRetry[]): string {
    const now = this.now();
    const mine: string[] = [];
    for (const [id, p] of this.plans) {
      if (p.expiresAt <= now) this.plans.delete(id);
      else if (p.operator === operator) mine.push(id);
    }
    // Map order is creation order: the first of this operator's plans is its oldest.
    for (const id of mine.slice(0, Math.max(0, mine.length - MAX_PLANS_PER_OPERATOR + 1))) this.plans.delete(id);
    const id = randomUUID();
    this.plans.set(id, { operator, items, expiresAt: now + BULK_PLAN_TTL_MS });
    return id;
  }

  /** The plan's retries; null for a plan unknown, expired, used, or another operator's. */
  find(operator: string, planId: string): PlannedRetry[] | null {
    const p = this.plans.get(planId);
    if (!p || p.operator !== operator || p.expiresAt <= this.now()) return null;
    return p.items;
  }

  /** A plan is used once: its retry removes it. */
  remove(planId: string): void {
    this.plans.delete(planId);
  }
}
