import styles from './timeline.module.css';

const ITEMS = [
  { label: 'completed step', swatch: styles.swatchCompleted },
  { label: 'running', swatch: styles.swatchRunning },
  { label: 'failed', swatch: styles.swatchFailed },
  { label: 'compensated step', swatch: styles.swatchCompensated },
  { label: 'compensation', swatch: styles.swatchCompensation },
  { label: 'stuck (waiting past its threshold)', swatch: styles.swatchStuck },
  { label: 'event (hover for details)', swatch: styles.swatchEvent },
];

/** Key to the chart's colours and patterns, as text beside the image. */
export function TimelineLegend() {
  return (
    <ul aria-label="Timeline legend" className={styles.legend}>
      {ITEMS.map((i) => (
        <li key={i.label}>
          <span aria-hidden="true" className={`${styles.swatch} ${i.swatch}`} />
          {i.label}
        </li>
      ))}
    </ul>
  );
}
