// A real single-node Apache Kafka (KRaft) from Maven Central jars, for development and integration tests.
export { startLocalKafka, type LocalKafka, type LocalKafkaOptions } from './local-kafka/start';
export { KAFKA_VERSION } from './local-kafka/kafka-version';
