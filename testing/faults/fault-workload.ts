/**
 * The stream a fault test produces: a seeded workload of the demo's two saga types (testing/property/workload.ts,
 * the same generator the truth-of-view property test uses), moved to the wall clock so stuck thresholds mean what
 * they say, each record tagged with its index so a record read back from Kafka is traced to the saga story it came from.
 */
import type { Message } from 'kafkajs';
import type { CompiledConfig } from '../../lib/saga/compiled-config';
import { DEFAULT_KNOBS } from '../property/plan';
import { makeWorkload, T0, type LogRecord, type Workload } from '../property/workload';

/** Header naming the record's index in the workload log; the monitor ignores headers it has no rule for. */
export const SEQ_HEADER = 'fault-test-seq';

export interface FaultRecord extends LogRecord {
  seq: number;
  /** Wall-clock time to hand the record to the producer: its append time in the workload, moved to `startAt`. */
  sendAt: number;
}

export interface FaultWorkload {
  workload: Workload;
  records: FaultRecord[];
  /** Wall-clock time of the workload's T0. */
  startAt: number;
}

/**
 * `sagas` sagas starting over `windowMs`: about sagas * 7.8 / windowMs records per ms in the window (the demo's
 * shapes average 7.8 records a saga), then a thinner tail of late replies and operator retries.
 */
export function faultWorkload(config: CompiledConfig, seed: number, sagas: number, windowMs: number, startAt: number): FaultWorkload {
  const workload = makeWorkload(seed, config, { ...DEFAULT_KNOBS, sagas, windowMs });
  const shift = startAt - T0;
  const records = workload.log.map((r, seq) => ({ ...r, seq, timestamp: r.timestamp + shift, appendedAt: r.appendedAt + shift, sendAt: r.appendedAt + shift }));
  return { workload, records, startAt };
}

export function toMessage(r: FaultRecord): { topic: string; message: Message } {
  return { topic: r.topic, message: { key: r.key, value: r.value, timestamp: String(r.timestamp), headers: { ...r.headers, [SEQ_HEADER]: String(r.seq) } } };
}
