import { EVENT_TOPICS, type EventType } from '../../demo/event-catalog';
import { DEMO_TOPICS } from '../../demo/topics';
import { mulberry32 } from '../prng';
import { JSON_ID_TOPIC, KEYED_TOPIC } from './config';
import type { TopicMessage } from './saga-plans';
import { type RejectReason } from '../../lib/vocabulary';

/** Where a topic's saga types read the saga id: the `saga-id` header (demo), the key, or the JSON field `sagaId`. */
type Family = 'header' | 'key' | 'json';
export type Outcome = RejectReason | 'accepted';

export interface JunkRecord extends TopicMessage {
  kind: 'bytes' | 'json' | 'truncated' | 'empty' | 'tombstone';
  expected: Outcome;
}

const RULE_TOPICS = DEMO_TOPICS.filter((t) => t !== 'orders.retries');
/** Topics of trip-booking; the others are order-fulfilment's. A saga id belongs to one type, so junk ids differ per type. */
const TRIP_TOPICS: ReadonlySet<string> = new Set(['trips.requested', 'flights.events', 'hotels.events', 'cars.events', 'trips.completed', 'trips.failed']);
const EVENT_TYPES = Object.keys(EVENT_TOPICS) as EventType[];
/** Characters JSON is made of, so random text often comes close to JSON without being it. */
const JSONISH = '{}[]":,.-+0123456789eEtrufalsn \\/abcxyz\u00e9\u4e2d';

/**
 * What the contract (README, The saga event contract) says a record earns, written from the contract and not from
 * classify: every configured topic reads its event type with a jsonPath, so the value must be JSON first; then the
 * saga id must be where the saga type reads it, and be a non-empty string or a finite number.
 */
export function expectedOutcome(family: Family, value: Buffer | null, headers: Record<string, string>, key: Buffer | string | null): Outcome {
  const text = value === null ? '' : value.toString('utf8');
  if (text === '') return 'empty-value';
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return 'invalid-json';
  }
  if (family === 'header') return headers['saga-id'] ? 'accepted' : 'missing-saga-id';
  if (family === 'key') return key === null || key.length === 0 ? 'missing-saga-id' : 'accepted';
  const id = json !== null && typeof json === 'object' && Object.hasOwn(json, 'sagaId') ? (json as { sagaId: unknown }).sagaId : undefined;
  if (id === undefined || id === null || id === '') return 'missing-saga-id';
  if (typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id))) return 'accepted';
  return 'invalid-saga-id';
}

/** A seeded stream of junk: random bytes, random JSON shapes, truncated real records, empty values and tombstones. */
export function junkRecords(prefix: string, seed: number, count: number, opts: { now: number; validIds: string[] }): JunkRecord[] {
  const rand = mulberry32(seed);
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  const chance = (p: number) => rand() < p;

  const randomString = (max: number) => {
    const len = int(max + 1);
    let s = '';
    for (let i = 0; i < len; i++) s += chance(0.9) ? String.fromCharCode(32 + int(95)) : String.fromCharCode(int(0x3000));
    return s;
  };
  const randomBytes = () => {
    const len = int(300);
    const style = int(3);
    const b = Buffer.alloc(len);
    for (let i = 0; i < len; i++) b[i] = style === 0 ? int(256) : style === 1 ? 32 + int(95) : JSONISH.charCodeAt(int(JSONISH.length)) & 0xff;
    return b;
  };
  const randomJson = (depth: number): unknown => {
    const k = int(depth > 2 ? 6 : 8);
    if (k === 0) return null;
    if (k === 1) return chance(0.5);
    if (k === 2) return chance(0.5) ? int(1e6) - 5e5 : rand() * 1e300 * (chance(0.5) ? 1 : -1);
    if (k === 3 || k === 4 || k === 5) return randomString(20);
    if (k === 6) return Array.from({ length: int(5) }, () => randomJson(depth + 1));
    return Object.fromEntries(Array.from({ length: int(5) }, () => [randomString(8), randomJson(depth + 1)]));
  };
  /** The JSON text of a sagaId field, including one JSON.stringify cannot write (a number too large for a double). */
  const sagaIdText = () =>
    pick(['"jj-N"', '"jj-N"', 'N', '""', 'null', '{}', '[]', '["jj-N"]', 'true', '1e400', '-1.5', '"\\u0000"', '{"id":"jj-N"}']).replace(/N/g, String(int(300)));

  const out: JunkRecord[] = [];
  for (let i = 0; i < count; i++) {
    const family: Family = chance(0.7) ? 'header' : chance(0.5) ? 'key' : 'json';
    const topic = family === 'header' ? pick(RULE_TOPICS) : family === 'key' ? KEYED_TOPIC : JSON_ID_TOPIC;
    const x = rand();
    const kind: JunkRecord['kind'] = x < 0.3 ? 'bytes' : x < 0.7 ? 'json' : x < 0.9 ? 'truncated' : x < 0.95 ? 'empty' : 'tombstone';

    let value: Buffer | null;
    if (kind === 'bytes') value = randomBytes();
    else if (kind === 'empty') value = Buffer.alloc(0);
    else if (kind === 'tombstone') value = null;
    else {
      const type = chance(0.5) ? pick(EVENT_TYPES) : pick(['Begin', 'WorkStarted', 'WorkDone', 'End', randomString(12)]);
      const body: Record<string, unknown> = chance(0.8) ? { type } : chance(0.5) ? {} : { type: randomJson(2) };
      for (let f = int(4); f > 0; f--) body[randomString(10)] = randomJson(1);
      let text = JSON.stringify(body);
      if (family === 'json' && chance(0.9)) text = `${text.slice(0, -1)}${text.length > 2 ? ',' : ''}"sagaId":${sagaIdText()}}`;
      if (kind === 'json' && chance(0.15)) text = JSON.stringify(randomJson(0));
      // A proper prefix of an object's text is never JSON; keep at least one character so it is not empty either.
      if (kind === 'truncated') text = text.slice(0, 1 + int(text.length - 1));
      value = Buffer.from(text, 'utf8');
    }

    const headers: Record<string, string> = {};
    if (family === 'header') {
      const h = rand();
      const id = `${TRIP_TOPICS.has(topic) ? 'jt' : 'jo'}-${int(500)}`;
      if (h < 0.7) headers['saga-id'] = id;
      else if (h < 0.8) headers['saga-id'] = '';
      else if (h < 0.9) headers['Saga-Id'] = id;
    }
    if (chance(0.2)) headers[randomString(6) || 'x'] = randomString(30);
    let key: Buffer | string | null;
    const kx = rand();
    if (kx < 0.6) key = `jk-${int(500)}`;
    else if (kx < 0.7) key = null;
    else if (kx < 0.8) key = '';
    // Random bytes after a `jk` prefix: text or hex, never an id another family uses.
    else key = Buffer.from([0x6a, 0x6b, ...Array.from({ length: 1 + int(16) }, () => int(256))]);

    const expected = expectedOutcome(family, value, headers, key);
    // A rejected record may name a real saga: it must not touch it.
    if ((expected === 'invalid-json' || expected === 'empty-value') && headers['saga-id'] && chance(0.3)) headers['saga-id'] = pick(opts.validIds);
    const timestamp = chance(0.01) ? 0 : opts.now - int(365 * 24 * 3600_000) + int(10 * 60_000);
    out.push({ topic: `${prefix}${topic}`, kind, expected, message: { key, value, headers: headers, timestamp: String(timestamp) } });
  }
  return out;
}
