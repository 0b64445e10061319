import type { CompiledConfig } from '../../lib/saga/compiled-config';
import { responderTopics } from '../../lib/saga/responder-topics';
import type { TopicConsumers } from '../../lib/wire/consumers';
import type { StuckAlert } from '../../lib/wire/socket';
import type { SagaStore } from '../store/saga-store';

/** What the API and the live feed need from GroupHealth. */
export interface ConsumerLookup {
  forTopic(topic: string): TopicConsumers;
  snapshot(): TopicConsumers[];
}

/** Who should answer a saga and whether they are alive, for the routes and the live feed. */
export interface Responders {
  /** Every watched topic. */
  all(): TopicConsumers[];
  /** The consumers of the topics the saga's next answer depends on; undefined for unknown or finished sagas. */
  ofSaga(sagaId: string): TopicConsumers[] | undefined;
  /** The alert with the topics its saga's answer is read from, as it leaves the server. */
  onAlert(alert: StuckAlert): StuckAlert;
}

export function createResponders(store: SagaStore, config: CompiledConfig, groups: ConsumerLookup): Responders {
  const topicsOf = (sagaId: string): string[] => {
    const s = store.sagas.get(sagaId);
    const type = s && config.sagaTypes.get(s.type);
    return s && type ? responderTopics(s, type.config) : [];
  };
  const ofSaga = (sagaId: string): TopicConsumers[] | undefined => {
    const topics = topicsOf(sagaId);
    return topics.length === 0 ? undefined : topics.map((t) => groups.forTopic(t));
  };
  return {
    all: () => groups.snapshot(),
    ofSaga,
    onAlert: (alert) => {
      const topics = topicsOf(alert.sagaId);
      return topics.length > 0 ? { ...alert, answeredFrom: topics } : alert;
    },
  };
}
