/**
 * The Gantt's row labels as the page draws them: their font size and the
 * widest one's width, kept current with a ResizeObserver on their group (the
 * box grows when presenter mode enlarges chart text). The layout sizes its
 * label gutter from these, so no label is cut off at any font size.
 * Without a DOM (server rendering, unit tests) it reports nothing and the
 * layout keeps its 11 px estimate.
 */
import { useCallback, useState, type RefCallback } from 'react';

export interface LabelFont {
  /** Computed font size, CSS px. */
  px?: number;
  /** Width of the widest label, CSS px. */
  width?: number;
}

export function useLabelFont(): [RefCallback<SVGGElement>, LabelFont] {
  const [font, setFont] = useState<LabelFont>({});
  const ref = useCallback<RefCallback<SVGGElement>>((g) => {
    if (!g || typeof ResizeObserver === 'undefined' || typeof g.getBBox !== 'function') return;
    const measure = () => {
      const text = g.querySelector('text');
      if (!text) return;
      const px = parseFloat(getComputedStyle(text).fontSize);
      // Labels are right-aligned at one x: the group's width is the widest label's.
      const width = g.getBBox().width;
      if (!(px > 0) || !(width > 0)) return; // hidden: keep the last real values
      setFont((old) => (old.px === px && Math.abs((old.width ?? 0) - width) < 0.5 ? old : { px, width }));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(g);
    return () => ro.disconnect();
  }, []);
  return [ref, font];
}
