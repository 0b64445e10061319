// Bad config files: the monitor refuses to start and names the field, the way an operator finds it in the file.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMonitorFromEnv } from '../index';
import { ConfigError, loadConfig } from './load-config';

const valid = () => ({
  kafka: { brokers: ['127.0.0.1:9092'] },
  sagas: [
    {
      type: 'orders',
      sagaId: { header: 'saga-id' },
      eventType: { jsonPath: '$.type' },
      steps: ['payment', 'shipping'],
      rules: [
        { topic: 'orders.requested', effect: 'start' },
        { topic: 'payment.commands', eventType: 'Pay', step: 'payment', effect: 'step-started', timeoutMs: 10_000 },
        { topic: 'orders.completed', eventType: 'Done', effect: 'complete' },
      ],
      retry: { mode: 'command', topic: 'orders.retries' },
    },
  ],
});
type Draft = ReturnType<typeof valid> & Record<string, any>;
const env = (vars: Record<string, string>) => vars as NodeJS.ProcessEnv;

function file(text: string): string {
  const p = path.join(mkdtempSync(path.join(tmpdir(), 'cfg-errors-')), 'saga-monitor.config.json');
  writeFileSync(p, text);
  return p;
}

function edited(edit: (d: any) => void): string {
  const d: Draft = valid();
  edit(d);
  return JSON.stringify(d, null, 2);
}

/** Each case: the file's text, then the line the error must contain (field path and reason). */
const CASES: Array<[name: string, text: string, line: RegExp]> = [
  ['an empty file', '', /is not valid JSON/],
  ['a trailing comma', '{ "kafka": { "brokers": ["a:1"], }, "sagas": [] }', /is not valid JSON: .*position/],
  ['JSON that is not an object', '[]', /\(root\): Invalid input: expected object, received array/],
  ['null', 'null', /\(root\): Invalid input: expected object, received null/],
  ['a misspelt top-level key', edited((d) => (d.sagaz = [])), /\(root\): Unrecognized key: "sagaz"/],
  ['no kafka section', edited((d) => delete d.kafka), /kafka: Invalid input: expected object, received undefined/],
  ['brokers as one string', edited((d) => (d.kafka.brokers = '127.0.0.1:9092')), /kafka\.brokers: Invalid input: expected array, received string/],
  ['a broker on port 0', edited((d) => (d.kafka.brokers = ['127.0.0.1:0'])), /kafka\.brokers\[0\]: the port must be 1-65535/],
  ['a broker port out of range', edited((d) => (d.kafka.brokers = ['kafka:70000'])), /kafka\.brokers\[0\]: the port must be 1-65535/],
  ['an unknown SASL mechanism', edited((d) => (d.kafka.sasl = { mechanism: 'kerberos', username: 'u', password: 'p' })), /kafka\.sasl\.mechanism: Invalid option/],
  ['a saga type without a name', edited((d) => delete d.sagas[0].type), /sagas\[0\]\.type: Invalid input: expected string, received undefined/],
  ['a saga id given as a string', edited((d) => (d.sagas[0].sagaId = 'saga-id')), /sagas\[0\]\.sagaId: Invalid input/],
  ['a step declared twice', edited((d) => (d.sagas[0].steps = ['payment', 'shipping', 'payment'])), /sagas\[0\]\.steps\[2\]: step "payment" is declared twice/],
  ['a topic with a space', edited((d) => (d.sagas[0].rules[0].topic = 'orders requested')), /sagas\[0\]\.rules\[0\]\.topic: a Kafka topic name/],
  ['a topic with a slash', edited((d) => (d.sagas[0].rules[1].topic = 'payment/commands')), /sagas\[0\]\.rules\[1\]\.topic: a Kafka topic name/],
  ['a topic longer than Kafka allows', edited((d) => (d.sagas[0].rules[0].topic = 't'.repeat(250))), /sagas\[0\]\.rules\[0\]\.topic: Too big/],
  ['a timeout written as text', edited((d) => (d.sagas[0].rules[1].timeoutMs = '10s')), /sagas\[0\]\.rules\[1\]\.timeoutMs: Invalid input: expected number, received string/],
  ['a fractional stuckAfterMs', edited((d) => (d.sagas[0].stuckAfterMs = 1.5)), /sagas\[0\]\.stuckAfterMs: Invalid input: expected int/],
  ['an unknown effect', edited((d) => (d.sagas[0].rules[2].effect = 'done')), /sagas\[0\]\.rules\[2\]\.effect: Invalid option/],
  ['a command retry without its topic', edited((d) => delete d.sagas[0].retry.topic), /sagas\[0\]\.retry\.topic: Invalid input: expected string/],
  ['an unknown retry mode', edited((d) => (d.sagas[0].retry = { mode: 'replay' })), /sagas\[0\]\.retry\.mode: Invalid discriminator value. Expected 'resend' \| 'command'/],
  ['an unknown retryable status', edited((d) => (d.sagas[0].retry.statuses = ['stuck', 'broken'])), /sagas\[0\]\.retry\.statuses\[1\]: Invalid option/],
  ['the audit topic reused as a rule topic', edited((d) => (d.auditTopic = 'orders.completed')), /auditTopic: "orders\.completed" is also a rule topic/],
  ['an audit topic Kafka cannot name', edited((d) => (d.auditTopic = '..')), /auditTopic: a Kafka topic name cannot be "\." or "\.\."/],
  ['a slow factor of 1 (every step would be slow at its p99)', edited((d) => (d.slowSteps = { factor: 1 })), /slowSteps\.factor: Too small: expected number to be >1/],
  ['a slow factor written as text', edited((d) => (d.slowSteps = { factor: '3x' })), /slowSteps\.factor: Invalid input: expected number, received string/],
  ['a negative slow floor', edited((d) => (d.slowSteps = { floorMs: -1 })), /slowSteps\.floorMs: Too small: expected number to be >=0/],
  ['a fractional slow floor', edited((d) => (d.slowSteps = { floorMs: 0.5 })), /slowSteps\.floorMs: Invalid input: expected int/],
  ['a slow threshold from no samples', edited((d) => (d.slowSteps = { minSamples: 0 })), /slowSteps\.minSamples: Too small: expected number to be >=1/],
  ['a misspelt slowSteps key', edited((d) => (d.slowSteps = { factr: 3 })), /slowSteps: Unrecognized key: "factr"/],
  ['slowSteps as a number', edited((d) => (d.slowSteps = 3)), /slowSteps: Invalid input: expected object, received number/],
  ['a consumer check interval as text', edited((d) => (d.consumerGroups = { checkIntervalMs: '5s' })), /consumerGroups\.checkIntervalMs: Invalid input: expected number, received string/],
  ['a consumer check every 10 ms', edited((d) => (d.consumerGroups = { checkIntervalMs: 10 })), /consumerGroups\.checkIntervalMs: Too small: expected number to be >=250/],
  ['a negative lag threshold', edited((d) => (d.consumerGroups = { lagRecords: -1 })), /consumerGroups\.lagRecords: Too small: expected number to be >=0/],
  ['a fractional stalledAfterMs', edited((d) => (d.consumerGroups = { stalledAfterMs: 1500.5 })), /consumerGroups\.stalledAfterMs: Invalid input: expected int/],
  [
    'a stall shorter than the check interval',
    edited((d) => (d.consumerGroups = { checkIntervalMs: 10_000, stalledAfterMs: 5_000 })),
    /consumerGroups\.stalledAfterMs: must be at least checkIntervalMs: commits are only seen once per check/,
  ],
  ['an empty ignored group prefix', edited((d) => (d.consumerGroups = { ignoreGroupPrefixes: ['tools-', ''] })), /consumerGroups\.ignoreGroupPrefixes\[1\]: Too small/],
  ['a misspelt consumer groups key', edited((d) => (d.consumerGroups = { lagRecord: 5 })), /consumerGroups: Unrecognized key: "lagRecord"/],
];

describe('loadConfig: a bad file fails naming the field', () => {
  it.each(CASES)('%s', (_name, text, line) => {
    let error: unknown;
    try {
      loadConfig(file(text), {});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(line);
  });

  it('lists every broken field at once, one line each', () => {
    const text = edited((d) => {
      d.kafka.brokers = ['nohost'];
      d.sagas[0].rules[1].step = 'billing';
      d.sagas[0].steps.push('shipping');
    });
    const message = (() => {
      try {
        loadConfig(file(text), {});
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(message.split('\n').slice(1)).toEqual([
      '  kafka.brokers[0]: host:port',
      '  sagas[0].steps[2]: step "shipping" is declared twice',
      '  sagas[0].rules[1].step: unknown step "billing"; declared steps: payment, shipping, shipping',
    ]);
  });

  it('names KAFKA_BROKERS when the bad broker came from it', () => {
    expect(() => loadConfig(file(JSON.stringify(valid())), { KAFKA_BROKERS: 'kafka:0' })).toThrow(/kafka\.brokers\[0\]: the port must be 1-65535 \(from KAFKA_BROKERS\)/);
  });

  it('reads a file saved with a byte order mark', () => {
    expect(loadConfig(file(`\uFEFF${JSON.stringify(valid())}`), {}).sagas[0].type).toBe('orders');
  });
});

describe('start from the environment: a bad config stops it before any connection', () => {
  it.each([CASES[1], CASES[12], CASES[22]])('%s', async (_name, text, line) => {
    await expect(runMonitorFromEnv(env({ SAGA_MONITOR_CONFIG: file(text), PORT: '0' }))).rejects.toThrow(line);
  });

  it('a bad slowSteps value stops it naming the field', async () => {
    const text = edited((d) => (d.slowSteps = { factor: 3, floorMs: 500, minSamples: 2.5 }));
    await expect(runMonitorFromEnv(env({ SAGA_MONITOR_CONFIG: file(text), PORT: '0' }))).rejects.toThrow(/slowSteps\.minSamples: Invalid input: expected int/);
  });

  it('a missing file names the path and the variable that sets it', async () => {
    await expect(runMonitorFromEnv(env({ SAGA_MONITOR_CONFIG: '/nonexistent/saga-monitor.config.json', PORT: '0' }))).rejects.toThrow(
      /cannot read config \/nonexistent\/saga-monitor\.config\.json: .*set SAGA_MONITOR_CONFIG/,
    );
  });
});
