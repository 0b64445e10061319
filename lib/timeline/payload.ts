/** How a record value is shown: pretty-printed when it is a JSON object or array, else exactly as received. */
export interface FormattedPayload {
  kind: 'json' | 'text' | 'empty';
  text: string;
}

const JSON_INDENT = 2;

export function formatPayload(value: string | null): FormattedPayload {
  if (value === null || value.length === 0) return { kind: 'empty', text: '' };
  const head = value.trimStart()[0];
  if (head === '{' || head === '[') {
    try {
      return { kind: 'json', text: JSON.stringify(JSON.parse(value), null, JSON_INDENT) };
    } catch {
      // Truncated or malformed JSON: the raw text is the honest view.
    }
  }
  return { kind: 'text', text: value };
}

/** The record's address in Kafka, as copied by "Copy offset" and shown in notes. */
export function recordAddress(e: { topic: string; partition: number; offset: string }): string {
  return `${e.topic}/${e.partition}/${e.offset}`;
}
