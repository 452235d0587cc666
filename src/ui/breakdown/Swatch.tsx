/** A legend colour chip, outlined and textured like its bar segment. */
import { partOutline, partTexture } from './palette';
import css from './Breakdown.module.css';

export function Swatch({ part, color }: { part: string; color: string }) {
  const outline = partOutline(part);
  const cls = outline === 'dashed' ? css.swatchDashed : outline === 'solid' ? css.swatchOutlined : '';
  const texture = partTexture(part);
  const tex = texture === 'stripes' ? css.swatchStripes : texture === 'dots' ? css.swatchDots : '';
  return (
    <span
      className={`${css.swatch} ${cls} ${tex}`}
      style={{ backgroundColor: color }}
      data-texture={texture ?? undefined}
      aria-hidden="true"
    />
  );
}

/** Class of a bar segment: light fills get an outline. */
export function segmentClass(part: string): string {
  const outline = partOutline(part);
  return outline === 'dashed' ? css.outlinedDashed : outline === 'solid' ? css.outlined : css.segment;
}
