import type { MonitorConfig, Rule, SagaTypeConfig } from '../config/schema';
import { compileExtractor, type CompiledExtractor } from './extract';

export interface CompiledRule {
  rule: Rule;
  index: number;
  sagaId: CompiledExtractor;
  eventType: CompiledExtractor | null;
}

export interface CompiledSagaType {
  config: SagaTypeConfig;
  sagaId: CompiledExtractor;
  eventType: CompiledExtractor | null;
}

export interface TopicEntry {
  sagaType: CompiledSagaType;
  rules: CompiledRule[];
}

export interface CompiledConfig {
  config: MonitorConfig;
  sagaTypes: Map<string, CompiledSagaType>;
  /** Saga types with rules on a topic, in config order. */
  byTopic: Map<string, TopicEntry[]>;
  topics: string[];
}

export function compileConfig(config: MonitorConfig): CompiledConfig {
  const sagaTypes = new Map<string, CompiledSagaType>();
  const byTopic = new Map<string, TopicEntry[]>();
  for (const s of config.sagas) {
    const compiled: CompiledSagaType = {
      config: s,
      sagaId: compileExtractor(s.sagaId),
      eventType: s.eventType ? compileExtractor(s.eventType) : null,
    };
    sagaTypes.set(s.type, compiled);
    const entries = new Map<string, TopicEntry>();
    s.rules.forEach((rule, index) => {
      let entry = entries.get(rule.topic);
      if (!entry) {
        entry = { sagaType: compiled, rules: [] };
        entries.set(rule.topic, entry);
        const list = byTopic.get(rule.topic) ?? [];
        list.push(entry);
        byTopic.set(rule.topic, list);
      }
      const eventTypeFrom = rule.eventTypeFrom ?? s.eventType;
      entry.rules.push({
        rule,
        index,
        sagaId: rule.sagaId ? compileExtractor(rule.sagaId) : compiled.sagaId,
        eventType: eventTypeFrom ? compileExtractor(eventTypeFrom) : null,
      });
    });
  }
  return { config, sagaTypes, byTopic, topics: [...byTopic.keys()].sort() };
}
