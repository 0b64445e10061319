import type { IncomingMessage } from 'node:http';

/** API bodies are small JSON objects; anything bigger is a mistake or an attack. */
export const MAX_BODY_BYTES = 16 * 1024;
/**
 * An oversized body is read and thrown away up to this size so the client, still sending, gets the 413 instead of a
 * reset connection; past it the connection is closed after the answer rather than reading on.
 */
export const MAX_DISCARDED_BODY_BYTES = 1024 * 1024;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const TOO_LARGE = `body larger than ${MAX_BODY_BYTES} bytes`;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** 415 unless the body is JSON in UTF-8 without a content encoding: checked before a byte of it is read. */
function checkRepresentation(req: IncomingMessage): void {
  const [type = '', ...params] = (req.headers['content-type'] ?? '').split(';').map((p) => p.trim().toLowerCase());
  if (type !== 'application/json') throw new HttpError(415, `send the body as application/json (got "${type || 'none'}")`);
  const charset = params.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/^"|"$/g, '');
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new HttpError(415, `send the body as UTF-8 (got charset "${charset}")`);
  }
  const encoding = (req.headers['content-encoding'] ?? '').trim().toLowerCase();
  if (encoding !== '' && encoding !== 'identity') throw new HttpError(415, `send the body without a content encoding (got "${encoding}")`);
}

/** Collects the body; past MAX_BODY_BYTES it reads on without keeping bytes, so the answer reaches the client. */
function collect(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else if (size > MAX_BODY_BYTES + MAX_DISCARDED_BODY_BYTES) {
        req.off('data', onData);
        req.off('end', onEnd);
        // Node reads the rest of an unread body after the answer on a kept-alive connection: close it instead.
        reject(new HttpError(413, TOO_LARGE, { connection: 'close' }));
      }
    };
    const onEnd = () => (size > MAX_BODY_BYTES ? reject(new HttpError(413, TOO_LARGE)) : resolve(Buffer.concat(chunks)));
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', reject);
  });
}

/**
 * Reads a JSON body: an absent or empty body is `{}`; otherwise 415 for another content type, charset or a content
 * encoding, 413 past MAX_BODY_BYTES, 400 for bytes that are not UTF-8 or not JSON.
 */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const declared = req.headers['content-length'] === undefined ? null : Number(req.headers['content-length']);
  const chunked = req.headers['transfer-encoding'] !== undefined;
  if (declared === 0 || (declared === null && !chunked)) return {};
  if (declared !== null && declared > MAX_BODY_BYTES) {
    throw new HttpError(413, TOO_LARGE, declared > MAX_BODY_BYTES + MAX_DISCARDED_BODY_BYTES ? { connection: 'close' } : {});
  }
  checkRepresentation(req);
  const body = await collect(req);
  if (body.length === 0) return {};
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    throw new HttpError(400, 'the body is not valid UTF-8');
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new HttpError(400, `the body is not valid JSON: ${(e as Error).message}`);
  }
}
