import type { SagaType } from './event-catalog';

const ID_PREFIX: Record<SagaType, string> = { 'order-fulfilment': 'ord', 'trip-booking': 'trip' };
const ID_PATTERN = /^(ord|trip)-([0-9a-z]+)-(\d+)$/;
/** The tag keeps ids of two runs with the same seed apart (the monitor would merge them otherwise). */
const RUN_TAG_PATTERN = /^[0-9a-z]{1,12}$/;
/** Six base-36 digits of the start time in ms: unique per run for about 25 days, short enough to read. */
const RUN_TAG_LENGTH = 6;

/** `ord-<runTag>-<ordinal>`, e.g. `ord-m3x7k2-17` is the 17th order of run m3x7k2. */
export function makeSagaId(type: SagaType, runTag: string, ordinal: number): string {
  return `${ID_PREFIX[type]}-${runTag}-${ordinal}`;
}

export interface ParsedSagaId {
  sagaType: SagaType;
  runTag: string;
  ordinal: number;
}

export function parseSagaId(id: string): ParsedSagaId | null {
  const m = ID_PATTERN.exec(id);
  if (!m) return null;
  return { sagaType: m[1] === 'ord' ? 'order-fulfilment' : 'trip-booking', runTag: m[2], ordinal: Number(m[3]) };
}

export function newRunTag(now: number = Date.now()): string {
  return now.toString(36).slice(-RUN_TAG_LENGTH);
}

export function checkRunTag(tag: string): string {
  if (!RUN_TAG_PATTERN.test(tag)) throw new Error(`run tag "${tag}" must be 1-12 lowercase letters or digits`);
  return tag;
}
