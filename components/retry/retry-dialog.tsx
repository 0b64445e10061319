'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { fetchJson } from '../../lib/api/fetch-json';
import { queryKeys } from '../../lib/query-keys';
import { RetryAccepted, RetryPlanView } from '../../lib/retry/retry-wire';
import { RetryPlanDetails } from './retry-plan-view';
import { sendJson } from './use-session';

/**
 * Confirm step of a retry: shows the exact record first, then publishes it with the plan's id as Idempotency-Key, so
 * a double click or a resubmit publishes once.
 */
export function RetryDialog({ sagaId, onClose }: { sagaId: string; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const qc = useQueryClient();
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  const plan = useQuery({
    queryKey: ['saga-monitor', 'retry-plan', sagaId],
    queryFn: ({ signal }) => fetchJson(`/api/sagas/${encodeURIComponent(sagaId)}/retry-plan`, RetryPlanView, signal),
    staleTime: 0,
    gcTime: 0,
    retry: false,
  });
  const send = useMutation({
    mutationFn: async (p: RetryPlanView) =>
      RetryAccepted.parse(await sendJson('POST', `/api/sagas/${encodeURIComponent(sagaId)}/retry`, { step: p.step }, { 'idempotency-key': p.retryId })),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.saga(sagaId) }),
  });
  return (
    <dialog ref={ref} aria-labelledby="retry-title" onClose={onClose} style={{ maxWidth: 720, width: '90vw' }}>
      <h2 id="retry-title">Retry {sagaId}?</h2>
      {plan.isPending ? <p>Preparing the retry…</p> : null}
      {plan.error ? <p role="alert">Cannot retry: {plan.error.message}</p> : null}
      {plan.data ? (
        <>
          <p>This record will be published once:</p>
          <RetryPlanDetails plan={plan.data} />
        </>
      ) : null}
      {send.data ? (
        <p role="status">
          Sent as {send.data.topic}/{send.data.partition}/{send.data.offset} (retry {send.data.retryId}).
        </p>
      ) : null}
      {send.error ? <p role="alert">Retry failed: {send.error.message}</p> : null}
      <div style={{ display: 'flex', gap: '0.5rem', justifyContent: 'flex-end', marginTop: '1rem' }}>
        <button type="button" onClick={() => ref.current?.close()}>
          {send.data ? 'Close' : 'Cancel'}
        </button>
        {!send.data ? (
          <button type="button" disabled={!plan.data || send.isPending} onClick={() => plan.data && send.mutate(plan.data)}>
            {send.isPending ? 'Sending…' : 'Confirm retry'}
          </button>
        ) : null}
      </div>
    </dialog>
  );
}
