'use client';

import { useMemo } from 'react';
import { formatPayload, recordAddress } from '../../lib/timeline/payload';
import type { EventView } from '../../lib/wire/rest';
import { CopyButton } from './copy-button';
import styles from './events.module.css';

function valueText(e: EventView, text: string): string {
  if (e.value === null) return '(no value: a null record)';
  return e.value.length === 0 ? '(empty value)' : text;
}

/**
 * Key, headers and value of one record, always as text nodes: payloads are never markup. Headers and value share
 * one <pre> laid out like an HTTP message (headers, blank line, body).
 */
export function PayloadPanel({ event: e, announce }: { event: EventView; announce: (m: string) => void }) {
  const payload = useMemo(() => formatPayload(e.value), [e.value]);
  const address = recordAddress(e);
  const headers = Object.entries(e.headers);
  return (
    <div className={styles.panel}>
      <dl className={styles.meta}>
        <dt>Record</dt>
        <dd>
          <code>{address}</code> <CopyButton label="Copy offset" text={address} announce={announce} what={`offset ${address}`} />
        </dd>
        <dt>Key</dt>
        <dd>{e.key === null ? <span className="muted">none</span> : <code>{e.key}</code>}</dd>
        <dt>Value</dt>
        <dd>{payload.kind === 'json' ? 'JSON, formatted' : payload.kind === 'text' ? 'text, as received' : 'none'}</dd>
      </dl>
      {e.valueTruncated ? <p className={styles.note}>The value is cut at 8 KiB; the full record is in Kafka at {address}.</p> : null}
      <pre className={styles.pre} tabIndex={0} aria-label={`Headers and value of ${address}`}>
        <span className={styles.preHeaders}>
          {headers.length === 0 ? '(no headers)' : headers.map(([k, v]) => `${k}: ${v}`).join('\n')}
        </span>
        {'\n\n'}
        {valueText(e, payload.text)}
      </pre>
    </div>
  );
}
