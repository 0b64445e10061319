import type { Extractor } from '../config/schema';
import type { RawRecord } from './record';

export type ExtractFailure = 'invalid-json' | 'empty-value' | 'missing' | 'wrong-type';
export type Extracted = { ok: true; value: string } | { ok: false; reason: ExtractFailure };

type Parsed = { ok: true; value: unknown } | { ok: false; reason: 'invalid-json' | 'empty-value' };

// Failures carry no data: one shared object each instead of one per record.
const INVALID_JSON: Parsed & Extracted = Object.freeze({ ok: false, reason: 'invalid-json' });
const EMPTY_VALUE: Parsed & Extracted = Object.freeze({ ok: false, reason: 'empty-value' });
const MISSING: Extracted = Object.freeze({ ok: false, reason: 'missing' });
const WRONG_TYPE: Extracted = Object.freeze({ ok: false, reason: 'wrong-type' });

/** Parsed JSON of one record, computed at most once however many extractors read it. */
export class LazyJson {
  private result: Parsed | null = null;
  constructor(private readonly text: string | null) {}

  get(): Parsed {
    if (this.result !== null) return this.result;
    if (this.text === null || this.text.length === 0) return (this.result = EMPTY_VALUE);
    let parsed: Parsed;
    try {
      parsed = { ok: true, value: JSON.parse(this.text) };
    } catch {
      parsed = INVALID_JSON;
    }
    return (this.result = parsed);
  }
}

/** Splits `$.a.b[0].c` into ['a', 'b', 0, 'c']; the config schema has already checked the syntax. */
export function parseJsonPath(path: string): Array<string | number> {
  const segments: Array<string | number> = [];
  const re = /\.([A-Za-z_$][\w$-]*)|\[(\d+)\]/g;
  for (const m of path.slice(1).matchAll(re)) segments.push(m[1] !== undefined ? m[1] : Number(m[2]));
  return segments;
}

function scalarToString(v: unknown): Extracted {
  if (typeof v === 'string') return v.length > 0 ? { ok: true, value: v } : MISSING;
  if (typeof v === 'number' && Number.isFinite(v)) return { ok: true, value: String(v) };
  if (v === undefined || v === null) return MISSING;
  return WRONG_TYPE;
}

export type CompiledExtractor = (record: RawRecord, json: LazyJson) => Extracted;

export function compileExtractor(e: Extractor): CompiledExtractor {
  if ('header' in e) {
    const name = e.header;
    // Own properties only: a header or field named like an Object method (`constructor`) is absent, not a function.
    return (r) => scalarToString(Object.hasOwn(r.headers, name) ? r.headers[name] : undefined);
  }
  if ('key' in e) return (r) => scalarToString(r.key);
  const path = parseJsonPath(e.jsonPath);
  return (_r, json) => {
    const parsed = json.get();
    if (!parsed.ok) return parsed;
    let cur: unknown = parsed.value;
    for (const seg of path) {
      if (cur === null || typeof cur !== 'object') return { ok: false, reason: 'missing' };
      cur = Object.hasOwn(cur, seg) ? (cur as Record<string | number, unknown>)[seg] : undefined;
    }
    return scalarToString(cur);
  };
}
