/**
 * Gantt colours as design tokens, defined once in theme.css (SVG uses them
 * through CSS, the canvas resolves them with colorResolver at draw time).
 */
import type { TimelineBlock } from '../../core';

export const BLOCK_FILL: Record<TimelineBlock['kind'], string> = {
  F: 'var(--block-f)',
  B: 'var(--block-b)',
  W: 'var(--block-w)',
};
/** TP communication: grey diagonal stripes. */
export const COMM_HATCH = 'var(--block-comm)';
/** EP communication: dark dots on a light wash, apart from TP's stripes by texture and lightness. */
export const COMM_EP_DOTS = 'var(--block-comm-ep)';
export const BUBBLE_FILL = 'var(--bubble)';
export const TRANSFER_STROKE = 'var(--text-muted)';
/** Text on blocks: white reads on blue, orange and green (Okabe–Ito). */
export const BLOCK_TEXT: Record<TimelineBlock['kind'], string> = { F: '#ffffff', B: '#1b1f24', W: '#ffffff' };
/** The second of two chunks (and every odd chunk) of a device: lighter shades, dark text. */
export const BLOCK_FILL_ALT: Record<TimelineBlock['kind'], string> = {
  F: 'var(--block-f2)',
  B: 'var(--block-b2)',
  W: 'var(--block-w2)',
};
export const BLOCK_TEXT_ALT: Record<TimelineBlock['kind'], string> = { F: '#1b1f24', B: '#1b1f24', W: '#1b1f24' };
/** The previous schedule behind the current one. */
export const GHOST_FILL = 'var(--gantt-ghost)';
export const GHOST_STROKE = 'var(--text-muted)';
