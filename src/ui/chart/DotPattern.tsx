/**
 * An SVG dot-grid pattern over a light wash: the second texture beside
 * HatchPattern's stripes, for a mark that must read apart from a hatched one
 * without colour (the Gantt's EP communication beside TP). Put it in <defs>
 * and fill with `url(#id)`.
 */

export interface DotPatternProps {
  /** Unique on the page (derive it from useId). */
  id: string;
  fill: string;
  /** Distance between dots, px. */
  size?: number;
  radius?: number;
  /** Opacity of the white wash under the dots (lightens the fill beneath). */
  wash?: number;
}

export function DotPattern({ id, fill, size = 4, radius = 1.1, wash = 0.45 }: DotPatternProps) {
  return (
    <pattern id={id} width={size} height={size} patternUnits="userSpaceOnUse">
      <rect width={size} height={size} fill="#ffffff" fillOpacity={wash} />
      <circle cx={size / 2} cy={size / 2} r={radius} style={{ fill }} />
    </pattern>
  );
}
