import { KAFKA_VERSION } from './kafka-version';

export interface BrokerConfig {
  port: number;
  controllerPort: number;
  /** Where the partitions and the KRaft metadata log live. */
  logDirs: string;
}

const HOST = '127.0.0.1';

export function serverProperties({ port, controllerPort, logDirs }: BrokerConfig): string {
  const lines = [
    '# Written by scripts/local-kafka on every start: edits are overwritten.',
    'process.roles=broker,controller',
    'node.id=1',
    // Static quorum: the voter's address is read from here on each start, so a kept data dir may change ports.
    `controller.quorum.voters=1@${HOST}:${controllerPort}`,
    `listeners=PLAINTEXT://${HOST}:${port},CONTROLLER://${HOST}:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://${HOST}:${port}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    `log.dirs=${logDirs}`,
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    // After a SIGKILL the restarted controller refuses the broker's new registration until the old session
    // expires: 9 s by default. A short session only risks fencing a broker stalled that long, harmless locally.
    'broker.heartbeat.interval.ms=500',
    'broker.session.timeout.ms=3000',
    // One member groups should start consuming at once, not after the 3 s default wait for more members.
    'group.initial.rebalance.delay.ms=0',
    // kafkajs on KRaft can fail with UNKNOWN_TOPIC_OR_PARTITION on auto-created topics (kafkajs#1563).
    'auto.create.topics.enable=false',
  ];
  if (!KAFKA_VERSION.startsWith('3.')) {
    lines.push('share.coordinator.state.topic.replication.factor=1', 'share.coordinator.state.topic.min.isr=1');
  }
  return `${lines.join('\n')}\n`;
}

/** Warnings and errors only, plus the one line that says the server started; the JVM's stdout goes to the log file. */
export function log4j2Properties(): string {
  return [
    'appender.console.type=Console',
    'appender.console.name=STDOUT',
    'appender.console.layout.type=PatternLayout',
    'appender.console.layout.pattern=[%d] %p %m (%c)%n',
    'rootLogger.level=WARN',
    'rootLogger.appenderRef.stdout.ref=STDOUT',
    'logger.raftServer.name=kafka.server.KafkaRaftServer',
    'logger.raftServer.level=INFO',
    '',
  ].join('\n');
}
