/**
 * Workload generator, part 3: one order-fulfilment saga, written from the demo's orchestrated system. It runs the
 * demo's own orchestrator state machine (demo/order-state-machine.ts) and workers (demo/order-workers.ts); what the
 * demo leaves to chance or to people is rolled here: outcomes, slow and late replies, an orchestrator that stops,
 * operators retrying in command mode (README "Manual retries": the orchestrator re-sends what the order waits for,
 * marked with the retry header), a retry answered with the opposite of the late original reply, and producers' clocks.
 */
import type { SagaTypeConfig } from '../../lib/config/schema';
import { businessFields, RETRY_HEADER, type DemoEvent } from '../../demo/envelope';
import { makeOrder, OrderData } from '../../demo/order-data';
import { isFinished, nextAction, retryStep, startOrder, type OrderState } from '../../demo/order-state-machine';
import { ORDER_STEPS, type OrderStep } from '../../demo/order-steps';
import { ORDER_WORKERS } from '../../demo/order-workers';
import type { Rng } from '../../lib/random';
import { clockOffset, latency, OPERATOR_DELAY_MS, retriedOutcome, rollPhase, waitThreshold, type Phase, type PhasePlan, type WorkloadKnobs } from './plan';
import { SagaSim, type SimRecord } from './saga-sim';

/** The orchestrator stops after one of its first this many decisions (start, replies accepted). */
const MAX_DECISIONS_BEFORE_CRASH = 7;

const REPLY_TYPES = new Set<string>(ORDER_STEPS.flatMap((d) => [d.succeeded, d.failed, d.compensated]));

export function orderStory(sagaId: string, startAt: number, type: SagaTypeConfig, rng: Rng, k: WorkloadKnobs): SimRecord[] {
  const plan = new Map<string, PhasePlan>();
  for (const d of ORDER_STEPS) for (const phase of ['action', 'compensation'] as const) plan.set(`${d.step}/${phase}`, rollPhase(rng, k, phase));
  const crashAfter = rng.chance(k.crashRate) ? rng.int(1, MAX_DECISIONS_BEFORE_CRASH) : null;
  // Each producer's clock offset: the shop that takes the order, the orchestrator, and each step's worker.
  const shopClock = clockOffset(rng, k);
  const orchestratorClock = clockOffset(rng, k);
  const workerClock = new Map<string, number>(ORDER_STEPS.map((d) => [d.step, clockOffset(rng, k)]));
  let state: OrderState | null = null;
  let decisions = 0;
  let retries = 0;

  const decided = (): boolean => {
    decisions += 1;
    return decisions !== crashAfter;
  };

  const waiting = (): { step: OrderStep; phase: Phase } | null => {
    if (!state || decisions === crashAfter || isFinished(state)) return null;
    return { step: ORDER_STEPS[state.index].step, phase: state.phase === 'running' ? 'action' : 'compensation' };
  };

  const work = (r: SimRecord, e: DemoEvent) => {
    for (const worker of ORDER_WORKERS) {
      const reaction = worker.reactions[r.type];
      if (!reaction) continue;
      const p = plan.get(`${reaction.step}/${reaction.phase}`)!;
      const retried = r.headers[RETRY_HEADER] !== undefined;
      const planned = p.outcome === 'drop' ? (retried ? 'ok' : null) : p.outcome;
      if (planned === null) return;
      const outcome = retried && reaction.phase === 'action' ? retriedOutcome(rng, k, p, planned) : planned;
      const slow = !retried && p.slowMs !== null ? waitThreshold(type, reaction.step, reaction.phase) + p.slowMs : null;
      sim.publishAt(r.sentAt + (slow ?? latency(rng, k)), reaction.respond(e, outcome, rng), {}, workerClock.get(reaction.step));
    }
  };

  /** The orchestrator reads each record after a latency, decides on the state it has then, and publishes at once. */
  const orchestrate = (r: SimRecord, e: DemoEvent) => {
    if (r.type !== 'OrderRequested' && !REPLY_TYPES.has(r.type)) return;
    const at = r.sentAt + latency(rng, k);
    sim.at(at, () => {
      if (r.type === 'OrderRequested') {
        const d = startOrder(sagaId, OrderData.parse(businessFields(e)));
        state = d.state;
        if (decided()) sim.publishAt(at, d.emit, {}, orchestratorClock);
        return;
      }
      if (!state || decisions === crashAfter || isFinished(state)) return;
      const d = nextAction(state, { type: r.type, fields: businessFields(e) });
      if (!d.accepted) return;
      state = d.state;
      if (decided()) sim.publishAt(at, d.emit, {}, orchestratorClock);
    });
  };

  /** An operator who sees the saga stuck asks the orchestrator to retry what it waits for (RetryStep). */
  const watch = (r: SimRecord) => {
    const w = waiting();
    if (!w) return;
    const check = r.sentAt + waitThreshold(type, w.step, w.phase) + rng.int(OPERATOR_DELAY_MS.min, OPERATOR_DELAY_MS.max);
    sim.at(check, () => {
      if (sim.records.at(-1) !== r || !rng.chance(k.retryRate)) return;
      const handledAt = check + latency(rng, k);
      sim.at(handledAt, () => {
        const emission = state && decisions !== crashAfter ? retryStep(state, w.step) : null;
        retries += 1;
        if (emission) sim.publishAt(handledAt, [emission], { [RETRY_HEADER]: `retry-${sagaId}-${retries}` }, orchestratorClock);
      });
    });
  };

  const sim = new SagaSim(sagaId, 'order-fulfilment', (r) => {
    const e = JSON.parse(r.value) as DemoEvent;
    work(r, e);
    orchestrate(r, e);
    watch(r);
  });
  sim.publishAt(startAt, [{ type: 'OrderRequested', fields: { orderId: sagaId, ...makeOrder(rng) } }], {}, shopClock);
  sim.run();
  return sim.records;
}
