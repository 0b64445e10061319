'use client';

import { useEffect, useRef, useState } from 'react';
import { MAX_QUERY_LENGTH } from '../../lib/saga-list/filters';
import styles from './saga-list.module.css';

/** Typing settles this long before the URL (and so the query) changes: one request per pause, not per key. */
export const SEARCH_DEBOUNCE_MS = 250;

/** Saga id prefix search; follows the URL when it changes elsewhere (back/forward, "Clear filters"). */
export function SearchBox({ value, onCommit }: { value: string; onCommit(q: string): void }) {
  const [text, setText] = useState(value);
  const committed = useRef(value);
  const commit = useRef(onCommit);
  commit.current = onCommit;

  useEffect(() => {
    if (value === committed.current) return;
    committed.current = value;
    setText(value);
  }, [value]);

  useEffect(() => {
    const q = text.trim();
    if (q === committed.current) return;
    const id = setTimeout(() => {
      committed.current = q;
      commit.current(q);
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(id);
  }, [text]);

  return (
    <label className={styles.field}>
      <span>Search</span>
      <input
        type="search"
        aria-label="Search saga id"
        placeholder="Saga id prefix"
        maxLength={MAX_QUERY_LENGTH}
        spellCheck={false}
        autoComplete="off"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
    </label>
  );
}
