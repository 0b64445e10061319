import { useId, type ReactNode } from 'react';
import { CHART_HEIGHT } from './chart-theme';
import styles from './charts.module.css';

export interface ChartFigureProps {
  /** The figure's accessible name (the e2e contract relies on it). */
  name: string;
  subtitle: string;
  /** What a sighted user reads off the chart, for screen readers; unused while `emptyText` stands in for the chart. */
  summary: string;
  /** Shown instead of the chart when there is nothing to draw. */
  emptyText?: string | null;
  children: ReactNode;
}

export function ChartFigure({ name, subtitle, summary, emptyText, children }: ChartFigureProps) {
  const id = useId();
  return (
    <figure className={styles.figure} aria-labelledby={id}>
      <figcaption className={styles.caption}>
        <span id={id} className={styles.name}>
          {name}
        </span>{' '}
        <span className="muted">{subtitle}</span>
      </figcaption>
      {emptyText ? (
        <p className={styles.empty} style={{ height: CHART_HEIGHT }}>
          {emptyText}
        </p>
      ) : (
        <>
          <p className="visually-hidden">{summary}</p>
          {children}
        </>
      )}
    </figure>
  );
}
