import type { HealthResponse } from '../../lib/wire/rest';

type Kafka = HealthResponse['kafka'];

/** Known kafkajs / broker failure texts and what an operator should check; the first match wins. */
const ADVICE: { test: RegExp; advice: string }[] = [
  { test: /sasl|authenticat|unauthori[sz]ed|credentials/i, advice: 'Check kafka.sasl in the config: mechanism, username and password must match the broker.' },
  { test: /ssl|tls|certificate|handshake|EPROTO/i, advice: 'Check kafka.ssl in the config: the broker listener may expect TLS (or plain text).' },
  { test: /ENOTFOUND|EAI_AGAIN|getaddrinfo/i, advice: 'A broker host name does not resolve: check KAFKA_BROKERS or kafka.brokers.' },
  {
    test: /ECONNREFUSED|ECONNRESET|EHOSTUNREACH|connection error|connect|closed/i,
    advice: 'The broker cannot be reached: check that it runs and that KAFKA_BROKERS lists reachable host:port pairs (the advertised listeners too).',
  },
  { test: /timed? ?out|timeout/i, advice: 'The broker answered too slowly: check the network and the broker load.' },
  { test: /topic|partition|leader/i, advice: 'Topic metadata could not be read: check that the configured topics exist and have leaders.' },
];

const RETRIES = 'The monitor keeps retrying on its own.';

/** One line of advice for the Kafka connection state, or null when all is well. */
export function kafkaAdvice(kafka: Kafka): string | null {
  if (kafka.lastError) {
    const hit = ADVICE.find((a) => a.test.test(kafka.lastError ?? ''));
    return `${hit ? hit.advice : 'See the monitor’s log for the full error.'} ${RETRIES}`;
  }
  if (kafka.state === 'disconnected') return `Not connected and no error reported yet. ${RETRIES}`;
  return null;
}
