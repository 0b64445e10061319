// Types what testing/kafka/global-setup.ts provides, for inject() in integration tests.
import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** host:port of the Kafka the integration run uses. */
    kafkaBrokers: string;
  }
}
