'use client';

import { useCopy } from './use-copy';
import styles from './events.module.css';

interface Props {
  /** The button's accessible name; it never changes, so tests and screen readers find it. */
  label: string;
  text: string | null;
  /** Reads the outcome out through the table's one live region. */
  announce: (message: string) => void;
  what: string;
}

export function CopyButton({ label, text, announce, what }: Props) {
  const [state, copy] = useCopy();
  const onClick = async () => {
    const r = await copy(text ?? '');
    announce(r.kind === 'copied' ? `Copied ${what}` : r.kind === 'failed' ? `Could not copy ${what}: ${r.reason}` : '');
  };
  return (
    <span className={styles.copy}>
      <button type="button" onClick={() => void onClick()} disabled={text === null} title={text === null ? 'This record has no value' : undefined}>
        {label}
      </button>
      {state.kind === 'copied' ? (
        <span aria-hidden="true" className={styles.copied}>
          Copied
        </span>
      ) : null}
      {state.kind === 'failed' ? (
        <span aria-hidden="true" className={styles.copyFailed} title={state.reason}>
          Copy failed
        </span>
      ) : null}
    </span>
  );
}
