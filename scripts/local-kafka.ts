export { startLocalKafka, type LocalKafka, type LocalKafkaOptions } from './local-kafka/start';
export { KAFKA_VERSION } from './local-kafka/kafka-version';
