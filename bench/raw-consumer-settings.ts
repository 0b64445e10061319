/**
 * The reference consumer's tuning: what a kafkajs user who only counts records would pick to read a backlog as fast as
 * kafkajs can. The catch-up result carries these so a reader knows what the monitor was compared with.
 */
export interface RawConsumerSettings {
  /** Upper bound of one fetch response: large, so a backlog comes in few round trips. */
  maxBytes: number;
  /** Per partition of one fetch: large, so a partition's backlog is not cut into many small batches. */
  maxBytesPerPartition: number;
  /** A fetch returns as soon as any record exists. */
  minBytes: number;
  /** Only bounds an idle fetch; a backlog never waits on it. */
  maxWaitTimeInMs: number;
  /** Batches handed to eachBatch at once; counting is synchronous, so more only adds scheduling. */
  partitionsConsumedConcurrently: number;
  /** Nothing is committed: the reference pays for no offset commits. */
  autoCommit: false;
}

export const RAW_CONSUMER_SETTINGS: RawConsumerSettings = {
  maxBytes: 50 * 1024 * 1024,
  maxBytesPerPartition: 10 * 1024 * 1024,
  minBytes: 1,
  maxWaitTimeInMs: 100,
  partitionsConsumedConcurrently: 1,
  autoCommit: false,
};

/**
 * Steady-state rates start once this share of the backlog is read: the first fetch, decoded whole before its first
 * batch is handed over, and the group join stay out of the window for both readers alike.
 */
export const STEADY_FROM = 0.25;

/** What the child process prints on its last stdout line, as JSON. */
export interface RawConsumerResult {
  events: number;
  batches: number;
  /** Epoch ms: the process started, the consumer was running, the first batch arrived, every end offset was reached. */
  processStartAt: number;
  runningAt: number;
  firstBatchAt: number;
  doneAt: number;
  /** CPU time (user + system) of the whole child process, and from its first batch to the end. */
  cpuMs: number;
  readCpuMs: number;
  /** When STEADY_FROM of the expected records had been read: time, records so far, CPU so far. */
  mark: { at: number; events: number; cpuMs: number } | null;
  settings: RawConsumerSettings;
}
