import { parseArgs } from 'node:util';
import { SAGA_TYPES, STEP_NAMES, isSagaType, type SagaType } from './event-catalog';
import { parseKeyedSpec } from './keyed-spec';
import { parseLatencyRange, type LatencyRange } from './latency';
import type { DemoOptions } from './options';
import { parseSkipCompensation } from './skip-compensation';
import type { StepKnobInput } from './step-knob';

export const USAGE = `Usage: npm run demo -- [flags]     (KAFKA_BROKERS or --brokers is required)

Flags (each also read from the env var shown; a flag wins over its env var):
  --brokers H:P,...        KAFKA_BROKERS       Kafka bootstrap servers
  --rate SPEC              DEMO_RATE           sagas per second per saga type: "3" or "order-fulfilment=2,trip-booking=5"
  --failure-rate SPEC      DEMO_FAILURE_RATE   share of steps that fail: "0.08" or "0.08,inventory=0.3"
  --stuck-rate SPEC        DEMO_STUCK_RATE     share of commands/events a worker drops: "0.03" or "0,shipping=0.2"
  --latency SPEC           DEMO_LATENCY        worker delay in ms: "50-400" or "50-400,payment=100-300,shipping=200-800"
  --seed N                 DEMO_SEED           replay the same business data and outcomes (default random, printed)
  --sagas LIST             DEMO_SAGAS          saga types to run: ${SAGA_TYPES.join(',')} (default all)
  --max-sagas N            DEMO_MAX_SAGAS      stop generating after N sagas of each type; workers keep running
  --topic-prefix P         DEMO_TOPIC_PREFIX   prefix for topics and consumer groups (the bundled config uses none)
  --run-tag T              DEMO_RUN_TAG        middle part of saga ids, ord-<T>-<n> (default from the clock)
  --skip-compensation LIST DEMO_SKIP_COMPENSATION  order steps never compensated, e.g. "payment,inventory"
  -h, --help
Steps: ${STEP_NAMES.join(', ')}.`;

export type CliResult = { kind: 'help' } | { kind: 'run'; brokers: string[]; options: DemoOptions };

type Env = Record<string, string | undefined>;

const FLAGS = {
  brokers: 'KAFKA_BROKERS',
  rate: 'DEMO_RATE',
  'failure-rate': 'DEMO_FAILURE_RATE',
  'stuck-rate': 'DEMO_STUCK_RATE',
  latency: 'DEMO_LATENCY',
  seed: 'DEMO_SEED',
  sagas: 'DEMO_SAGAS',
  'max-sagas': 'DEMO_MAX_SAGAS',
  'topic-prefix': 'DEMO_TOPIC_PREFIX',
  'run-tag': 'DEMO_RUN_TAG',
  'skip-compensation': 'DEMO_SKIP_COMPENSATION',
} as const;
type Flag = keyof typeof FLAGS;

function parseNumber(s: string): number {
  const n = Number(s);
  if (s.trim() === '' || !Number.isFinite(n)) throw new Error(`"${s}" is not a number`);
  return n;
}

function parseWhole(s: string, what: string): number {
  if (!/^\d+$/.test(s.trim())) throw new Error(`${what}: "${s}" is not a whole number`);
  return Number(s);
}

function stepKnob<T>(spec: string, parse: (s: string) => T, what: string): StepKnobInput<T> {
  const p = parseKeyedSpec(spec, STEP_NAMES, parse, what);
  return p.default === undefined ? p.byKey : { default: p.default, ...p.byKey };
}

function rates(spec: string): DemoOptions['ratePerSecond'] {
  const p = parseKeyedSpec(spec, SAGA_TYPES, parseNumber, '--rate');
  if (Object.keys(p.byKey).length === 0) return p.default;
  const out: Partial<Record<SagaType, number>> = {};
  for (const t of SAGA_TYPES) {
    const r = p.byKey[t] ?? p.default;
    if (r !== undefined) out[t] = r;
  }
  return out;
}

function brokers(spec: string | undefined): string[] {
  if (spec === undefined || spec.trim() === '') {
    throw new Error('KAFKA_BROKERS (or --brokers) is required, e.g. KAFKA_BROKERS=127.0.0.1:9092');
  }
  const list = spec.split(',').map((b) => b.trim()).filter((b) => b !== '');
  for (const b of list) if (!/^[^\s:]+:\d{1,5}$/.test(b)) throw new Error(`broker "${b}" is not host:port`);
  return list;
}

function sagaTypes(spec: string): SagaType[] {
  const list = spec.split(',').map((t) => t.trim()).filter((t) => t !== '');
  if (list.length === 1 && list[0] === 'all') return [...SAGA_TYPES];
  for (const t of list) if (!isSagaType(t)) throw new Error(`--sagas: unknown saga type "${t}"; expected ${SAGA_TYPES.join(', ')}`);
  return list as SagaType[];
}

/** Flags win over env vars; throws with a message fit for the user on anything invalid. */
export function parseCliArgs(argv: string[], env: Env): CliResult {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      ...Object.fromEntries(Object.keys(FLAGS).map((f) => [f, { type: 'string' as const }])),
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { kind: 'help' };
  const flags = values as Record<string, string | boolean | undefined>;
  const get = (f: Flag): string | undefined => (flags[f] as string | undefined) ?? env[FLAGS[f]];
  const options: DemoOptions = {};
  const rate = get('rate');
  if (rate !== undefined) options.ratePerSecond = rates(rate);
  const failure = get('failure-rate');
  if (failure !== undefined) options.failureRate = stepKnob(failure, parseNumber, '--failure-rate');
  const stuck = get('stuck-rate');
  if (stuck !== undefined) options.stuckRate = stepKnob(stuck, parseNumber, '--stuck-rate');
  const latency = get('latency');
  if (latency !== undefined) options.latency = stepKnob<LatencyRange>(latency, parseLatencyRange, '--latency');
  const seed = get('seed');
  if (seed !== undefined) options.seed = parseWhole(seed, '--seed');
  const sagas = get('sagas');
  if (sagas !== undefined) options.sagaTypes = sagaTypes(sagas);
  const max = get('max-sagas');
  if (max !== undefined) options.maxSagas = parseWhole(max, '--max-sagas');
  const prefix = get('topic-prefix');
  if (prefix !== undefined) options.topicPrefix = prefix;
  const runTag = get('run-tag');
  if (runTag !== undefined) options.runTag = runTag;
  const skip = get('skip-compensation');
  if (skip !== undefined) options.skipCompensation = parseSkipCompensation(skip, '--skip-compensation');
  return { kind: 'run', brokers: brokers(get('brokers')), options };
}
