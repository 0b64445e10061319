import type { z } from 'zod';
import { formatIssues } from '../config/load-config';
import { HttpError } from './read-body';

/** A read JSON body checked against its wire schema: 400 naming every field that is wrong. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body);
  if (!r.success) throw new HttpError(400, `invalid body: ${formatIssues(r.error.issues).join('; ')}`);
  return r.data;
}
