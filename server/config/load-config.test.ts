import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig } from './load-config';

const valid = {
  kafka: { brokers: ['127.0.0.1:9092'], clientId: 'saga-monitor' },
  sagas: [
    {
      type: 'order-fulfilment',
      sagaId: { header: 'saga-id' },
      eventType: { jsonPath: '$.type' },
      steps: ['payment'],
      stuckAfterMs: 30000,
      rules: [
        { topic: 'orders.requested', effect: 'start' },
        { topic: 'payment.commands', eventType: 'AuthorizePayment', step: 'payment', effect: 'step-started', timeoutMs: 10000 },
      ],
    },
  ],
};

function withFile(text: string): string {
  const p = path.join(mkdtempSync(path.join(tmpdir(), 'cfg-')), 'c.json');
  writeFileSync(p, text);
  return p;
}

describe('loadConfig', () => {
  it('accepts the documented shape and lets KAFKA_BROKERS override the brokers', () => {
    const c = loadConfig(withFile(JSON.stringify(valid)), { KAFKA_BROKERS: 'a:1, b:2' });
    expect(c.kafka.brokers).toEqual(['a:1', 'b:2']);
    expect(c.sagas[0].rules).toHaveLength(2);
  });

  it.each([
    ['absent', undefined, { factor: 3, floorMs: 500, minSamples: 30 }],
    ['given in part', { floorMs: 0 }, { factor: 3, floorMs: 0, minSamples: 30 }],
    ['given in full', { factor: 1.5, floorMs: 250, minSamples: 1 }, { factor: 1.5, floorMs: 250, minSamples: 1 }],
  ])('fills in slowSteps %s', (_name, slowSteps, want) => {
    const c = parseConfig(slowSteps === undefined ? valid : { ...valid, slowSteps }, {}, 'test.json');
    expect(c.slowSteps).toEqual(want);
  });

  it.each([
    ['a rule naming an unknown step', (c: any) => (c.sagas[0].rules[1].step = 'pay'), 'sagas[0].rules[1].step'],
    ['a bad effect', (c: any) => (c.sagas[0].rules[0].effect = 'begin'), 'sagas[0].rules[0].effect'],
    ['a negative timeout', (c: any) => (c.sagas[0].rules[1].timeoutMs = -1), 'sagas[0].rules[1].timeoutMs'],
    ['a broker without port', (c: any) => (c.kafka.brokers = ['localhost']), 'kafka.brokers[0]'],
    ['an unknown field', (c: any) => (c.sagas[0].stuckAfter = 5), 'sagas[0]'],
    ['no sagas', (c: any) => (c.sagas = []), 'sagas'],
    ['a bad jsonPath', (c: any) => (c.sagas[0].eventType = { jsonPath: 'type' }), 'sagas[0].eventType'],
  ])('rejects %s, naming the field', (_name, mutate, field) => {
    const c = structuredClone(valid);
    mutate(c);
    expect(() => parseConfig(c, {}, 'test.json')).toThrow(ConfigError);
    expect(() => parseConfig(c, {}, 'test.json')).toThrow(field);
  });

  it('explains a missing file and invalid JSON', () => {
    expect(() => loadConfig('/nonexistent/saga.json')).toThrow(/cannot read config .*SAGA_MONITOR_CONFIG/);
    expect(() => loadConfig(withFile('{ "kafka": '))).toThrow(/not valid JSON/);
  });
});
