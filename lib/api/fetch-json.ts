import type { z } from 'zod';

/** An API answer that is not a success, carrying the server's reason for the UI to show. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Fetches JSON and validates it against its wire schema; a network error or a 4xx/5xx becomes an ApiFailure. */
export async function fetchJson<T extends z.ZodType>(url: string, schema: T, signal?: AbortSignal): Promise<z.infer<T>> {
  let res: Response;
  try {
    res = await fetch(url, { signal, headers: { accept: 'application/json' } });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiFailure(0, 'the monitor cannot be reached; is the server running?');
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const reason = body && typeof body === 'object' && 'error' in body ? String(body.error) : res.statusText;
    throw new ApiFailure(res.status, reason);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ApiFailure(res.status, `unexpected response from ${url}`);
  return parsed.data;
}
