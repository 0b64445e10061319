import { createHmac, timingSafeEqual } from 'node:crypto';

/** HMAC-SHA256 over the audit record's value, hex, as the header carries it (`sha256=<hex>`). */
export function signAudit(key: string, value: string): string {
  return `sha256=${createHmac('sha256', key).update(value, 'utf8').digest('hex')}`;
}

/** Why a record read from the audit topic is not this monitor's (or a peer's with the same key), or null when it is. */
export function auditSignatureProblem(key: string, value: string, signature: string | undefined): string | null {
  if (signature === undefined) return 'no signature: not written by a monitor that holds the audit key';
  const expected = Buffer.from(signAudit(key, value));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'the signature does not match: written without the audit key, or changed since';
  return null;
}
