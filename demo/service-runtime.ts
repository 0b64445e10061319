import type { Consumer, EachMessagePayload, Kafka } from 'kafkajs';
import type { BatchProducer } from './batch-producer';
import { EVENT_TOPICS, type EventType, type SagaType, type StepName } from './event-catalog';
import { RETRY_HEADER, hasHeader, parseEvent, toRecords, type DemoEvent, type Emission } from './envelope';
import { startConsumer } from './kafka-setup';
import { sampleLatency } from './latency';
import type { ResolvedDemoOptions } from './options';
import { decideOutcome, outcomeContext, type Phase } from './outcome';
import { derivedRng, type Rng } from '../lib/random';
import { recordDrop, type DemoStats } from './stats';
import { knobFor } from './step-knob';
import type { TimerSet } from './timer-set';
import { topicName, type DemoTopic } from './topics';

/** Everything a running component shares: one producer, one timer set, the knobs and the counters. */
export interface Runtime {
  kafka: Kafka;
  opts: ResolvedDemoOptions;
  stats: DemoStats;
  producer: BatchProducer;
  timers: TimerSet;
}

/** How a service answers one event type; the runtime decides the outcome and the delay. */
export interface Reaction {
  step: StepName;
  phase: Phase;
  respond(input: DemoEvent, outcome: 'ok' | 'fail', rng: Rng): Emission[];
}

/** A stateless worker or choreography service: every record is handled on its own, re-sent ones included. */
export interface ServiceDef {
  name: string;
  sagaType: SagaType;
  reactions: Partial<Record<EventType, Reaction>>;
}

export function groupIdFor(opts: ResolvedDemoOptions, service: string): string {
  return `${opts.topicPrefix}demo-${service}`;
}

function topicsOf(def: ServiceDef, prefix: string): string[] {
  const topics = new Set(Object.keys(def.reactions).map((t) => EVENT_TOPICS[t as EventType] as DemoTopic));
  return [...topics].map((t) => topicName(prefix, t));
}

function handle(def: ServiceDef, rt: Runtime, { message }: EachMessagePayload): void {
  const event = parseEvent(message.value);
  if (!event) {
    rt.stats.recordsInvalid += 1;
    return;
  }
  const reaction = def.reactions[event.type as EventType];
  if (!reaction) return;
  const { opts } = rt;
  const ctx = outcomeContext(event.sagaId, def.sagaType, reaction.step, reaction.phase);
  const outcome = decideOutcome(ctx, {
    seed: opts.seed,
    failureRate: knobFor(opts.failureRate, reaction.step),
    stuckRate: knobFor(opts.stuckRate, reaction.step),
    retried: hasHeader(message.headers, RETRY_HEADER),
    force: opts.forceOutcome,
  });
  if (outcome === 'drop') {
    recordDrop(rt.stats, { sagaId: event.sagaId, eventType: event.type, service: def.name });
    return;
  }
  const rng = derivedRng(opts.seed, 'reply', def.sagaType, ctx.ordinal ?? event.sagaId, reaction.step, reaction.phase);
  const delay = sampleLatency(knobFor(opts.latency, reaction.step), rng);
  const emissions = reaction.respond(event, outcome, rng);
  const cause = Date.parse(event.at);
  rt.timers.after(delay, () => rt.producer.enqueue(toRecords(opts.topicPrefix, event.sagaId, emissions, cause, Date.now())));
}

export function startService(def: ServiceDef, rt: Runtime, fromBeginning = false): Promise<Consumer> {
  return startConsumer(rt.kafka, {
    groupId: groupIdFor(rt.opts, def.name),
    topics: topicsOf(def, rt.opts.topicPrefix),
    fromBeginning,
    eachMessage: async (p) => {
      try {
        handle(def, rt, p);
      } catch (e) {
        // A bug must not wedge the partition in kafkajs' retry loop: count the record and move on.
        rt.stats.recordsInvalid += 1;
        rt.opts.log(`${def.name}: cannot handle record at ${p.topic}/${p.partition}@${p.message.offset}: ${String(e)}`);
      }
    },
  });
}
