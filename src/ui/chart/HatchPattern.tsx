/**
 * The SVG diagonal-stripe pattern every chart hatches with (missing GPUs,
 * over-capacity memory, exposed TP communication). Put it in <defs> and fill
 * with `url(#id)`.
 */

export interface HatchPatternProps {
  /** Unique on the page (derive it from useId). */
  id: string;
  stroke: string;
  /** Distance between stripes, px. */
  size?: number;
  strokeWidth?: number;
}

export function HatchPattern({ id, stroke, size = 4, strokeWidth = 1.2 }: HatchPatternProps) {
  return (
    <pattern id={id} width={size} height={size} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
      <line x1={0} y1={0} x2={0} y2={size} style={{ stroke }} strokeWidth={strokeWidth} />
    </pattern>
  );
}
