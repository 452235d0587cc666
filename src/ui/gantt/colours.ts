/**
 * Gantt colours as design tokens with their theme values as fallbacks
 * (SVG uses them through CSS, the canvas resolves them with colorResolver).
 */
import type { TimelineBlock } from '../../core';

export const BLOCK_FILL: Record<TimelineBlock['kind'], string> = {
  F: 'var(--block-f, #0072b2)',
  B: 'var(--block-b, #e69f00)',
  W: 'var(--block-w, #009e73)',
};
/** TP communication: grey diagonal stripes. */
export const COMM_HATCH = 'var(--block-comm, #6e7781)';
/** EP communication: dark dots on a light wash, apart from TP's stripes by texture and lightness. */
export const COMM_EP_DOTS = 'var(--block-comm-ep, #1b1f24)';
export const BUBBLE_FILL = 'var(--bubble, #eef1f4)';
export const TRANSFER_STROKE = 'var(--text-muted, #57606a)';
/** Text on blocks: white reads on blue, orange and green (Okabe–Ito). */
export const BLOCK_TEXT: Record<TimelineBlock['kind'], string> = { F: '#ffffff', B: '#1b1f24', W: '#ffffff' };
/** The second of two chunks (and every odd chunk) of a device: lighter shades, dark text (Okabe–Ito sky, yellow, and a light green). */
export const BLOCK_FILL_ALT: Record<TimelineBlock['kind'], string> = {
  F: 'var(--block-f2, #56b4e9)',
  B: 'var(--block-b2, #f0e442)',
  W: 'var(--block-w2, #8fd9bf)',
};
export const BLOCK_TEXT_ALT: Record<TimelineBlock['kind'], string> = { F: '#1b1f24', B: '#1b1f24', W: '#1b1f24' };
/** The previous schedule behind the current one: a translucent grey that reads on the bubble fill and under the blocks. */
export const GHOST_FILL = 'var(--gantt-ghost, rgba(87, 96, 106, 0.28))';
export const GHOST_STROKE = 'var(--text-muted, #57606a)';
