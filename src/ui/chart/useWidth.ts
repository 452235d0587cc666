/**
 * Width of an element in CSS pixels, kept current with a ResizeObserver.
 * Charts lay out in real pixels (text stays legible on a phone instead of
 * shrinking with a viewBox) and never grow wider than their container.
 * Shared by every chart.
 *
 * @example
 *   const [ref, width] = useWidth<HTMLDivElement>(720);
 *   return <div ref={ref}><svg width={width} … /></div>;
 */
import { useCallback, useState, type RefCallback } from 'react';

export function useWidth<T extends Element = HTMLDivElement>(fallback = 720): [RefCallback<T>, number] {
  // Server rendering (and the first client render) use the fallback width.
  const [width, setWidth] = useState(fallback);
  const ref = useCallback<RefCallback<T>>((el) => {
    if (!el || typeof ResizeObserver === 'undefined') return;
    const update = (w: number) => {
      // A hidden element reports 0: keep the last real width.
      if (w > 0) setWidth((old) => (Math.abs(old - w) >= 1 ? Math.floor(w) : old));
    };
    update(el.getBoundingClientRect().width);
    const ro = new ResizeObserver((entries) => {
      for (const entry of entries) update(entry.contentRect.width);
    });
    ro.observe(el);
    // React 19 runs a callback ref's returned function on detach.
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}
