/** The Kafka release the local broker runs; scripts/local-kafka.int.test.ts proves it against kafkajs 2.2.4. */
export const KAFKA_VERSION = '4.1.1';

/**
 * The log4j-core version kafka_2.13:KAFKA_VERSION brings in transitively. Kafka 4.x ships no SLF4J binding and
 * pulls slf4j-api 1.7.36, so the binding is log4j-slf4j-impl (SLF4J 1.x); log4j-slf4j2-impl would be ignored by
 * slf4j-api 1.7 and the broker would log nothing.
 */
export const LOG4J_VERSION = '2.24.3';
