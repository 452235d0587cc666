/**
 * A tooltip positioned beside the pointer inside a chart's relative box.
 * It flips to the pointer's left / top near the far edges, and in a narrow
 * box stays inside the box's width, so it never widens the page on a phone.
 */
import type { ReactNode } from 'react';
import css from './Tooltip.module.css';

export interface TooltipProps {
  /** Pointer position inside the chart box, CSS pixels. */
  x: number;
  y: number;
  /** Size of the chart box, for flipping near the edges. */
  boxWidth: number;
  boxHeight: number;
  children: ReactNode;
}

/** Widest the tooltip gets; boxes narrower than two of these centre it under the pointer instead of beside it. */
const TIP_W = 300;

export function ChartTooltip({ x, y, boxWidth, boxHeight, children }: TooltipProps) {
  const offset = 12;
  const flipY = y > boxHeight / 2 && boxHeight > 160;
  const narrow = boxWidth < 2 * TIP_W + 2 * offset;
  const flipX = !narrow && x > boxWidth / 2;
  const width = Math.min(TIP_W, boxWidth);
  const style = {
    maxWidth: width,
    left: narrow ? Math.max(0, Math.min(x - width / 2, boxWidth - width)) : flipX ? undefined : x + offset,
    right: !narrow && flipX ? Math.max(0, boxWidth - x + offset) : undefined,
    top: flipY ? undefined : y + offset,
    bottom: flipY ? Math.max(0, boxHeight - y + offset) : undefined,
  };
  return (
    <div className={css.tip} style={style} role="tooltip">
      {children}
    </div>
  );
}
