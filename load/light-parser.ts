import { EventEmitter } from 'node:events';

/**
 * A socket.io parser for the load run's dashboards (the `parser` option of socket.io-client). The load generator
 * shares two cores with the monitor it measures: fifty clients JSON-parsing every `sagas` batch (about 230 KB each,
 * ten a second) took most of a core, and the monitor's figures measured that contention. This parser reads a batch's
 * seq, row count and truncated flag from its text and leaves the rows unparsed; every FULL_PARSE_EVERY-th batch of a
 * client, and every other message, is parsed in full as the stock parser would. Real dashboards run on other machines
 * and parse everything (lib/wire/socket.ts).
 *
 * Only what the server sends is understood: text packets of the default namespace (no binary attachments, no acks).
 */

/** socket.io packet types (socket.io-parser's PacketType). */
const CONNECT = 0;
const EVENT = 2;

/** Every this many batches a client parses one in full, for validation against the wire schema. */
export const FULL_PARSE_EVERY = 25;

/** A `sagas` batch as the light parser hands it over: the rows are counted, not parsed. */
export interface LightBatch {
  seq: number;
  rows: { length: number };
  truncated: boolean;
  light: true;
}

interface Packet {
  type: number;
  nsp: string;
  data?: unknown;
  id?: number;
}

const BATCH_PREFIX = '["sagas",{';
const SEQ = /"seq":(\d+)/;

const NO_ROWS = '"rows":[]';
/** Between two rows: one row's closing bracket, the next one's opening and the opening quote of its id. */
const ROW_BOUNDARY = '],["';

/**
 * Counts the rows in a batch's text (lib/wire/saga-rows.ts). Inside a row an array (its findings) is followed by a
 * null or an object, never by a string, and a quote inside a JSON string is escaped, so the boundary occurs only
 * between rows.
 */
function countRows(text: string): number {
  if (text.includes(NO_ROWS)) return 0;
  let n = 1;
  for (let i = text.indexOf(ROW_BOUNDARY); i !== -1; i = text.indexOf(ROW_BOUNDARY, i + ROW_BOUNDARY.length)) n += 1;
  return n;
}

export function lightBatch(body: string): LightBatch | null {
  const seq = SEQ.exec(body.slice(0, 64));
  if (!seq) return null;
  return { seq: Number(seq[1]), rows: { length: countRows(body) }, truncated: body.endsWith('"truncated":true}]'), light: true };
}

class Decoder extends EventEmitter {
  /** Batches seen, starting from the parser's offset. */
  protected batches = 0;

  add(chunk: unknown): void {
    if (typeof chunk !== 'string' || chunk.length === 0) throw new Error('light parser: only text packets are expected');
    const type = Number(chunk[0]);
    const body = chunk.slice(1);
    if (type === EVENT && body.startsWith(BATCH_PREFIX) && this.batches++ % FULL_PARSE_EVERY !== 0) {
      const batch = lightBatch(body);
      if (batch) {
        this.emit('decoded', { type, nsp: '/', data: ['sagas', batch] } satisfies Packet);
        return;
      }
    }
    this.emit('decoded', { type, nsp: '/', data: body === '' ? undefined : (JSON.parse(body) as unknown) } satisfies Packet);
  }

  destroy(): void {
    this.removeAllListeners();
  }
}

class Encoder {
  encode(p: Packet): string[] {
    const nsp = p.nsp && p.nsp !== '/' ? `${p.nsp},` : '';
    return [`${p.type}${nsp}${p.id ?? ''}${p.data === undefined ? '' : JSON.stringify(p.data)}`];
  }
}

/**
 * The parser for one client. `offset` (0 to FULL_PARSE_EVERY - 1) picks which batches it parses in full: the fleet
 * gives each client its own, so the full parses of fifty clients are spread over FULL_PARSE_EVERY batches instead of
 * landing on the same one and stalling the process that reads them all.
 */
export function lightParser(offset = 0) {
  const start = (FULL_PARSE_EVERY - (offset % FULL_PARSE_EVERY)) % FULL_PARSE_EVERY;
  class OffsetDecoder extends Decoder {
    constructor() {
      super();
      this.batches = start;
    }
  }
  return { Encoder, Decoder: OffsetDecoder, CONNECT };
}
