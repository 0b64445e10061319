'use client';

import type { SagaDetail } from '../../lib/wire/rest';
import { useNow } from '../alerts/use-now';
import { EventTable } from './event-table';
import { RefreshError } from './refresh-error';
import { SagaSummary } from './saga-summary';
import { SagaTimeline } from './saga-timeline';
import { RetryPanel } from '../retry/retry-panel';
import { FindingsPanel } from './findings-panel';
import { WhyPanel } from './why-panel';

interface Props {
  saga: SagaDetail;
  refreshError: Error | null;
  onRetry: () => void;
}

/** One clock for the page: only a running saga ticks; the event table is memoized and ignores the tick. */
export function SagaDetailContent({ saga, refreshError, onRetry }: Props) {
  const now = useNow(saga.endedAt === null);
  return (
    <>
      <SagaSummary saga={saga} now={now} />
      <WhyPanel saga={saga} now={now} />
      <FindingsPanel findings={saga.findings} />
      <RetryPanel saga={saga} />
      {refreshError ? <RefreshError error={refreshError} onRetry={onRetry} /> : null}
      <SagaTimeline saga={saga} now={now} />
      <EventTable events={saga.events} startedAt={saga.startedAt} droppedEvents={saga.droppedEvents} />
    </>
  );
}
