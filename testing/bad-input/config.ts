import type { MonitorConfig } from '../../lib/config/schema';
import { DEMO_TOPICS } from '../../demo/topics';
import { demoConfig } from '../monitor/test-config';

/** Topics of the two extra saga types: one reads its saga id from the record key, one from a JSON field. */
export const KEYED_TOPIC = 'keyed.events';
export const JSON_ID_TOPIC = 'json-id.events';

const workRules = (topic: string) => [
  { topic, eventType: 'Begin', effect: 'start' as const },
  { topic, eventType: 'WorkStarted', step: 'work', effect: 'step-started' as const },
  { topic, eventType: 'WorkDone', step: 'work', effect: 'step-completed' as const },
  { topic, eventType: 'End', effect: 'complete' as const },
];

/**
 * The shipped demo config (saga id in the `saga-id` header) plus a saga type keyed by the record key and one whose id
 * is the JSON field `sagaId`: together they reach every reject reason a record can earn.
 */
export function badInputConfig(brokers: string, prefix: string): MonitorConfig {
  return demoConfig(brokers, prefix, (c) => {
    c.sagas.push(
      { type: 'keyed', sagaId: { key: true }, eventType: { jsonPath: '$.type' }, steps: ['work'], rules: workRules(`${prefix}${KEYED_TOPIC}`) },
      { type: 'json-id', sagaId: { jsonPath: '$.sagaId' }, eventType: { jsonPath: '$.type' }, steps: ['work'], rules: workRules(`${prefix}${JSON_ID_TOPIC}`) },
    );
  });
}

export function badInputTopics(prefix: string): string[] {
  return [...DEMO_TOPICS, KEYED_TOPIC, JSON_ID_TOPIC].map((t) => `${prefix}${t}`);
}
