import Link from 'next/link';
import { useId, type ReactNode } from 'react';
import styles from './stat-tiles.module.css';

export interface StatTileProps {
  /** Also the group's accessible name. */
  label: string;
  value: string;
  detail?: ReactNode;
  link?: { href: string; text: string };
  tone?: 'stuck' | 'bad';
}

/** One live number: a named group so assistive tech reads the label with its value. */
export function StatTile({ label, value, detail, link, tone }: StatTileProps) {
  const id = useId();
  return (
    <div role="group" aria-labelledby={id} className={styles.tile}>
      <span id={id} className={styles.label}>
        {label}
      </span>
      <span className={`${styles.value} ${tone ? styles[tone] : ''}`}>{value}</span>
      {detail ? <span className={styles.detail}>{detail}</span> : null}
      {link ? (
        // scroll={false}: the list below reads the filter from the URL; the user stays where they are.
        <Link href={link.href} scroll={false} className={styles.link}>
          {link.text}
        </Link>
      ) : null}
    </div>
  );
}
