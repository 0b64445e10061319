'use client';

import { useLayoutEffect, useRef, useState } from 'react';

/** Width used before the element is measured (and on the server): the content width at 1280 px. */
export const FALLBACK_WIDTH = 1000;

/** Tracks an element's content width so SVG geometry is computed in real pixels (text never stretches). */
export function useElementWidth<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(FALLBACK_WIDTH);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWidth(Math.max(1, Math.floor(el.clientWidth)));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}
