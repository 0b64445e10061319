'use client';

import { useId } from 'react';
import type { SagaDetail } from '../../lib/wire/rest';
import { TimelineLegend } from './timeline-legend';
import { TimelineSvg } from './timeline-svg';
import { WaitingNotice } from './waiting-notice';
import styles from './timeline.module.css';

/** The Timeline region: what the saga waits for (when stuck), the Gantt chart and its legend. */
export function SagaTimeline({ saga, now }: { saga: SagaDetail; now: number }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className={`panel ${styles.region}`}>
      <h2 id={headingId} className={styles.heading}>
        Timeline
      </h2>
      {saga.stuck ? <WaitingNotice stuck={saga.stuck} now={now} /> : null}
      <TimelineSvg saga={saga} now={now} />
      <TimelineLegend />
    </section>
  );
}
