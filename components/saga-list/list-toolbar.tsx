'use client';

import { statusLabel } from '../../lib/saga-list/format';
import { FINDING_LABELS } from '../../lib/explain/labels';
import type { SagaListFilters } from '../../lib/query-keys';
import { FilterSelect, type Option } from './filter-select';
import { SearchBox } from './search-box';
import styles from './saga-list.module.css';
import { FINDING_KINDS, SAGA_STATUSES } from '../../lib/vocabulary';

const STATUS_OPTIONS: Option[] = SAGA_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }));
const FINDING_OPTIONS: Option[] = FINDING_KINDS.map((k) => ({ value: k, label: FINDING_LABELS[k] }));
const SORT_LABELS = { updated: 'Last update', started: 'Age' } as const;

interface Props {
  filters: SagaListFilters;
  types: string[];
  steps: string[];
  onChange(next: SagaListFilters): void;
}

const asOptions = (values: string[]): Option[] => values.map((v) => ({ value: v, label: v }));

/** Search, filters and sort; every change goes to the URL. */
export function ListToolbar({ filters, types, steps, onChange }: Props) {
  return (
    <div className={styles.toolbar}>
      <SearchBox value={filters.q} onCommit={(q) => onChange({ ...filters, q })} />
      <FilterSelect label="Status" values={filters.status} options={STATUS_OPTIONS} onChange={(status) => onChange({ ...filters, status })} />
      <FilterSelect label="Type" values={filters.type} options={asOptions(types)} onChange={(type) => onChange({ ...filters, type })} />
      <FilterSelect label="Step" values={filters.step} options={asOptions(steps)} onChange={(step) => onChange({ ...filters, step })} />
      <FilterSelect label="Finding" values={filters.finding ?? []} options={FINDING_OPTIONS} onChange={(finding) => onChange({ ...filters, finding })} />
      <label className={styles.field}>
        <span>Sort</span>
        <select value={filters.sort} onChange={(e) => onChange({ ...filters, sort: e.target.value === 'started' ? 'started' : 'updated' })}>
          <option value="updated">{SORT_LABELS.updated}</option>
          <option value="started">{SORT_LABELS.started}</option>
        </select>
      </label>
    </div>
  );
}
