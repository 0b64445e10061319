'use client';

import { memo, useId, useState } from 'react';
import { formatElapsed } from '../../lib/format';
import { recordAddress } from '../../lib/timeline/payload';
import type { EventView } from '../../lib/wire/rest';
import { CopyButton } from './copy-button';
import { PayloadPanel } from './payload-panel';
import styles from './events.module.css';

/** Payload columns span the whole table. */
const COLUMN_COUNT = 8;

interface Props {
  event: EventView;
  time: string;
  startedAt: number;
  announce: (message: string) => void;
}

/** One record, plus the row below it that shows its payload when expanded. */
export const EventRow = memo(function EventRow({ event: e, time, startedAt, announce }: Props) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const address = recordAddress(e);
  return (
    <>
      <tr className={open ? styles.openRow : undefined}>
        <td className={styles.time}>
          {time} <span className="muted">+{formatElapsed(e.timestamp - startedAt)}</span>
        </td>
        <td className={styles.mono}>{e.topic}</td>
        <td className={styles.num}>{e.partition}</td>
        <td className={styles.num}>{e.offset}</td>
        <td>{e.eventType ?? <span className="muted">none</span>}</td>
        <td>
          <span className={`${styles.effect} ${styles[`effect-${e.effect}`] ?? ''}`}>{e.effect}</span>
          {e.effect === 'retry' ? <span> by {retriedBy(e.value)}</span> : null}
        </td>
        <td>{e.step ?? <span className="muted">—</span>}</td>
        <td className={styles.actions}>
          <button type="button" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)}>
            Show payload
          </button>
          <CopyButton label="Copy payload" text={e.value} announce={announce} what={`payload of ${address}`} />
        </td>
      </tr>
      <tr id={panelId} hidden={!open} className={styles.panelRow}>
        <td colSpan={COLUMN_COUNT}>{open ? <PayloadPanel event={e} announce={announce} /> : null}</td>
      </tr>
    </>
  );
});

/** Who asked for a retry, from its audit record. */
function retriedBy(value: string | null): string {
  try {
    const v = JSON.parse(value ?? '') as { requestedBy?: unknown };
    return typeof v.requestedBy === 'string' ? v.requestedBy : 'unknown';
  } catch {
    return 'unknown';
  }
}
