import { vi } from 'vitest';

/**
 * happy-dom lays nothing out, so every element is 0 px high and a virtualized list renders no row. This gives every
 * element `height` px of client height for the current test (render.tsx restores it), enough to fill a viewport.
 */
export function layOutViewport(height = 400): void {
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(height);
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(1000);
}
