import type { CpuProfile } from './profile-summary';

export interface ProfileWindow {
  fromUs: number;
  toUs: number;
}

type CallFrame = CpuProfile['nodes'][number]['callFrame'];

/**
 * From the first to the last sample taken with a matching frame on the stack, on the profile's own clock: the span of
 * some work (e.g. the consumer's batch handler) as the profiled process saw it, whatever another process's clock says.
 */
export function spanOfFrames(p: CpuProfile, matches: (cf: CallFrame) => boolean): ProfileWindow | null {
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const under = new Map<number, boolean>();
  const isUnder = (id: number): boolean => {
    const known = under.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    const up = parent.get(id);
    const yes = node !== undefined && (matches(node.callFrame) || (up !== undefined && isUnder(up)));
    under.set(id, yes);
    return yes;
  };
  let t = p.startTime;
  let from: number | null = null;
  let to: number | null = null;
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i] ?? 0;
    if (!isUnder(p.samples[i])) continue;
    from ??= t;
    to = i + 1 < p.samples.length ? t + (p.timeDeltas[i + 1] ?? 0) : p.endTime;
  }
  return from === null || to === null ? null : { fromUs: from, toUs: to };
}

/** Share of a window the profile's samples cover: below 1 when the window lies partly outside the profile. */
export function coverage(p: CpuProfile, w: ProfileWindow): number {
  const span = w.toUs - w.fromUs;
  if (span <= 0) return 0;
  return Math.max(0, Math.min(w.toUs, p.endTime) - Math.max(w.fromUs, p.startTime)) / span;
}
