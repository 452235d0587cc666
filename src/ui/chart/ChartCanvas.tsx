/**
 * A chart drawn on a canvas (used where thousands of SVG nodes would make
 * hover and resize sluggish): sized in CSS pixels, backed at the screen's
 * pixel ratio so it stays sharp on high-DPI screens, and redrawn whenever
 * `draw` changes (memoize it with useCallback). Colours given as design
 * tokens are resolved against the canvas's computed style.
 */
import { useEffect, useRef } from 'react';
import type { Ctx2D } from './canvas';
import { colorResolver } from './resolveColor';

export interface ChartCanvasProps {
  /** Size in CSS pixels. */
  width: number;
  height: number;
  className: string;
  ariaLabel: string;
  draw: (ctx: Ctx2D, dpr: number, resolve: (color: string) => string) => void;
}

export function ChartCanvas({ width, height, className, ariaLabel, draw }: ChartCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const dpr = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    draw(ctx, dpr, colorResolver(canvas));
  }, [draw, dpr]);
  return (
    <canvas
      ref={ref}
      className={className}
      // A canvas needs at least one pixel; an empty layout still gets one.
      width={Math.round(Math.max(1, width) * dpr)}
      height={Math.round(Math.max(1, height) * dpr)}
      style={{ width, height }}
      role="img"
      aria-label={ariaLabel}
    />
  );
}
