import { memo } from 'react';
import styles from './saga-list.module.css';

const COLUMNS = ['Saga', 'Type', 'Status', 'Current step', 'Started', 'Last update', 'Duration'];

/** Column headers; outside the scrolling body so they stay put, inside the grid so they name its columns. */
export const GridHead = memo(function GridHead() {
  return (
    <div role="rowgroup" className={styles.head}>
      <div role="row" aria-rowindex={1} className={styles.row}>
        {COLUMNS.map((c) => (
          <span key={c} role="columnheader">
            {c}
          </span>
        ))}
      </div>
    </div>
  );
});
