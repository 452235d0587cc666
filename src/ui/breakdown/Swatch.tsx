/** A legend colour chip, outlined like its bar segment. */
import { partOutline } from './palette';
import css from './Breakdown.module.css';

export function Swatch({ part, color }: { part: string; color: string }) {
  const outline = partOutline(part);
  const cls = outline === 'dashed' ? css.swatchDashed : outline === 'solid' ? css.swatchOutlined : '';
  return <span className={`${css.swatch} ${cls}`} style={{ background: color }} aria-hidden="true" />;
}

/** Class of a bar segment: light fills get an outline. */
export function segmentClass(part: string): string {
  const outline = partOutline(part);
  return outline === 'dashed' ? css.outlinedDashed : outline === 'solid' ? css.outlined : css.segment;
}
