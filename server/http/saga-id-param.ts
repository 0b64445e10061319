import { HttpError } from './read-body';

/** Ids are echoed in error messages; past this they are cut, so an answer about a 10,000-character id stays readable. */
const SHOWN_ID_CHARS = 120;

/** The saga id of a `/api/sagas/:id...` path; ids may hold any character, so they arrive URL-encoded. */
export function sagaIdParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new HttpError(400, 'saga id is not valid URL encoding: encode it with encodeURIComponent');
  }
}

/** A saga id as an error message quotes it. */
export function shownId(id: string): string {
  return id.length > SHOWN_ID_CHARS ? `"${id.slice(0, SHOWN_ID_CHARS)}…" (${id.length} characters)` : `"${id}"`;
}
