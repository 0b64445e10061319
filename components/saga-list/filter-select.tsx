'use client';

import styles from './saga-list.module.css';

export interface Option {
  value: string;
  label: string;
}

interface Props {
  label: string;
  values: string[];
  options: Option[];
  onChange(values: string[]): void;
}

/**
 * One native filter select, first option "All". A URL may hold a list (`?status=stuck,failed`, which the server
 * accepts); that list is offered as one extra option so the select always shows what is applied.
 */
export function FilterSelect({ label, values, options, onChange }: Props) {
  const current = values.join(',');
  const shown = current !== '' && !options.some((o) => o.value === current) ? [...options, { value: current, label: values.join(', ') }] : options;
  return (
    <label className={styles.field}>
      <span>{label}</span>
      <select value={current} onChange={(e) => onChange(e.target.value === '' ? [] : e.target.value.split(','))}>
        <option value="">All</option>
        {shown.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
