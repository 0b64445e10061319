import { HttpError } from './read-body';

/** The saga id of a `/api/sagas/:id...` path; ids may hold any character, so they arrive URL-encoded. */
export function sagaIdParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new HttpError(400, 'saga id is not valid URL encoding');
  }
}
