'use client';

import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { describePlanLine } from '../../lib/retry/owed-action';
import { MAX_BULK_RETRY, type BulkRetryRequest } from '../../lib/retry/retry-wire';
import { BulkRetryAnswer, type BulkRetryItem } from '../../lib/wire/rest';
import type { StuckAlert } from '../../lib/wire/socket';
import { sendJson } from './use-session';

/** Default of one bulk retry from the UI: a mistake stays small. The bound is the server's, which the rate limit fits. */
const DEFAULT_MAX = 10;

/** Shown when the server answers something this page cannot read, instead of guessing at it. */
const UNREADABLE = 'unexpected answer from /api/retries';

async function bulkRetry(body: BulkRetryRequest): Promise<BulkRetryAnswer> {
  const parsed = BulkRetryAnswer.safeParse(await sendJson('POST', '/api/retries', body));
  if (!parsed.success) throw new Error(UNREADABLE);
  return parsed.data;
}

function itemText(i: BulkRetryItem): string {
  if ('error' in i) return i.error;
  if ('accepted' in i) return `sent to ${i.accepted.topic}/${i.accepted.partition}/${i.accepted.offset}`;
  return describePlanLine(i.plan);
}

/** Retry every saga stuck at one step of one type: a dry run lists what would be sent, then one confirm sends it. */
export function BulkRetryDialog({ alerts, onClose }: { alerts: StuckAlert[]; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const types = [...new Set(alerts.map((a) => a.sagaType))].sort();
  const [type, setType] = useState(types[0] ?? '');
  const steps = [...new Set(alerts.filter((a) => a.sagaType === type).map((a) => a.step ?? ''))].filter(Boolean).sort();
  const [step, setStep] = useState(steps[0] ?? '');
  const [max, setMax] = useState(DEFAULT_MAX);
  const ids = { type: useId(), step: useId(), max: useId() };
  useEffect(() => {
    if (ref.current && !ref.current.open) ref.current.showModal();
  }, []);
  const run = useMutation({
    // The confirm sends the preview's plan: exactly the sagas it listed, never the filter run again.
    mutationFn: (planId: string | null) => bulkRetry(planId === null ? { status: ['stuck'], type, step: step || undefined, max, dryRun: true } : { planId }),
  });
  const preview = run.data?.dryRun ? run.data : null;
  const sendable = preview?.items.filter((i) => 'plan' in i).length ?? 0;
  return (
    <dialog ref={ref} aria-labelledby="bulk-title" onClose={onClose} style={{ maxWidth: 760, width: '90vw' }}>
      <h2 id="bulk-title">Retry stuck sagas</h2>
      <div style={{ display: 'flex', gap: '0.75rem', flexWrap: 'wrap', alignItems: 'center' }}>
        <label htmlFor={ids.type}>Type</label>
        <select id={ids.type} value={type} onChange={(e) => (setType(e.target.value), run.reset())}>
          {types.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
        <label htmlFor={ids.step}>Step</label>
        <select id={ids.step} value={step} onChange={(e) => (setStep(e.target.value), run.reset())}>
          <option value="">Any</option>
          {steps.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
        <label htmlFor={ids.max}>At most</label>
        <input id={ids.max} type="number" min={1} max={MAX_BULK_RETRY} value={max} onChange={(e) => (setMax(Math.min(MAX_BULK_RETRY, Math.max(1, Number(e.target.value) || 1))), run.reset())} style={{ width: '5rem' }} />
        <button type="button" onClick={() => run.mutate(null)} disabled={run.isPending || type === ''}>
          Preview
        </button>
      </div>
      {run.error ? <p role="alert">{run.error.message}</p> : null}
      {run.data ? (
        <div role="status">
          <p>
            {run.data.dryRun ? `${sendable} of ${run.data.matched} matching sagas would be retried:` : `Retried ${run.data.items.filter((i) => 'accepted' in i).length} sagas:`}
          </p>
          <ul style={{ maxHeight: 240, overflow: 'auto' }}>
            {run.data.items.map((i) => (
              <li key={i.sagaId}>
                <code>{i.sagaId}</code>: {itemText(i)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div style={{ display: 'flex', gap: '0.5rem', justifyContent: 'flex-end' }}>
        <button type="button" onClick={() => ref.current?.close()}>
          Close
        </button>
        {preview?.planId && sendable > 0 ? (
          <button type="button" onClick={() => run.mutate(preview.planId)} disabled={run.isPending}>
            Retry {sendable} sagas
          </button>
        ) : null}
      </div>
    </dialog>
  );
}
