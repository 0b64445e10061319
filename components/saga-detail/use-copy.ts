'use client';

import { useCallback, useEffect, useRef, useState } from 'react';

/** How long "Copied" stays next to the button: long enough to notice, short enough not to go stale. */
export const COPY_FEEDBACK_MS = 2000;

export type CopyState = { kind: 'idle' } | { kind: 'copied' } | { kind: 'failed'; reason: string };

/** Writes text to the clipboard and reports the outcome for a while; the Clipboard API needs a secure context. */
export function useCopy(): [CopyState, (text: string) => Promise<CopyState>] {
  const [state, setState] = useState<CopyState>({ kind: 'idle' });
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const copy = useCallback(async (text: string): Promise<CopyState> => {
    let next: CopyState;
    try {
      if (!navigator.clipboard?.writeText) throw new Error('clipboard unavailable on a page not served over https or localhost');
      await navigator.clipboard.writeText(text);
      next = { kind: 'copied' };
    } catch (e) {
      next = { kind: 'failed', reason: e instanceof Error ? e.message : String(e) };
    }
    setState(next);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setState({ kind: 'idle' }), COPY_FEEDBACK_MS);
    return next;
  }, []);
  return [state, copy];
}
