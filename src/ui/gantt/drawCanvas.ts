/**
 * Draws a Gantt layout's marks on a canvas in one pass (above 2000 blocks):
 * bubbles, blocks batched by kind, comm tails (TP hatched, EP dotted),
 * transfers, labels.
 * Row labels and the axis stay in an SVG overlay (a few dozen elements).
 */
import { centreLabels, startFrame, type Ctx2D } from '../chart/canvas';
import { BUBBLE_FILL, COMM_EP_DOTS, COMM_HATCH, GHOST_FILL, GHOST_STROKE, TRANSFER_STROKE } from './colours';
import type { GhostMarks } from './ghost';
import type { GanttLayout } from './layout';

export interface GanttDrawOptions {
  dpr: number;
  resolve: (color: string) => string;
  /** The previous schedule, drawn faintly behind the blocks. */
  ghost?: GhostMarks | null;
}

export function drawGantt(ctx: Ctx2D, layout: GanttLayout, opts: GanttDrawOptions): void {
  const { dpr, resolve } = opts;
  const { x0, x1, y0, y1 } = layout.plot;
  startFrame(ctx, dpr, layout.width, layout.height);
  ctx.save();
  ctx.beginPath();
  ctx.rect(x0, y0, x1 - x0, y1 - y0);
  ctx.clip();

  ctx.fillStyle = resolve(BUBBLE_FILL);
  for (const b of layout.bubbles) ctx.fillRect(b.x, b.y, b.w, b.h);

  if (opts.ghost) {
    ctx.fillStyle = resolve(GHOST_FILL);
    for (const g of opts.ghost.spans) ctx.fillRect(g.x, g.y + g.h * 0.2, g.w, g.h * 0.6);
    ctx.strokeStyle = resolve(GHOST_STROKE);
    ctx.lineWidth = 1;
    ctx.setLineDash([3, 2]);
    for (const g of opts.ghost.spans) ctx.strokeRect(g.x, g.y + g.h * 0.2, g.w, g.h * 0.6);
    ctx.setLineDash([]);
  }

  // One fill style per kind: three style changes for thousands of blocks.
  for (const kind of ['F', 'B', 'W'] as const) {
    let first = true;
    for (const b of layout.blocks) {
      if (b.kind !== kind) continue;
      if (first) {
        ctx.fillStyle = resolve(b.fill);
        first = false;
      }
      // A hairline gap keeps back-to-back blocks of one kind apart.
      ctx.fillRect(b.x, b.y, b.w > 3 ? b.w - 0.5 : b.w, b.h);
    }
  }

  // Exposed TP comm: a translucent wash plus diagonal hatch, in one path.
  ctx.fillStyle = 'rgba(255,255,255,0.35)';
  for (const b of layout.blocks) if (b.comm) ctx.fillRect(b.comm.x, b.y, b.comm.w, b.h);
  ctx.strokeStyle = resolve(COMM_HATCH);
  ctx.lineWidth = 1;
  ctx.setLineDash([]);
  ctx.beginPath();
  for (const b of layout.blocks) {
    if (!b.comm) continue;
    const { x, w } = b.comm;
    for (let k = -b.h; k < w; k += 4) {
      const xa = x + Math.max(0, k);
      const ya = b.y + b.h - Math.max(0, -k);
      const len = Math.min(w - Math.max(0, k), b.h - Math.max(0, -k));
      if (len <= 0) continue;
      ctx.moveTo(xa, ya);
      ctx.lineTo(xa + len, ya - len);
    }
  }
  ctx.stroke();

  // Exposed EP comm: a stronger wash and a grid of dark dots (GanttSvg's DotPattern), in one path.
  ctx.fillStyle = 'rgba(255,255,255,0.45)';
  for (const b of layout.blocks) if (b.epComm) ctx.fillRect(b.epComm.x, b.y, b.epComm.w, b.h);
  ctx.fillStyle = resolve(COMM_EP_DOTS);
  ctx.beginPath();
  for (const b of layout.blocks) {
    if (!b.epComm) continue;
    const { x, w } = b.epComm;
    // Dots on the page-wide 4 px grid inside the tail; a tail narrower than that gets one at its centre.
    const xs: number[] = [];
    for (let cx = Math.ceil((x - 1) / 4) * 4 + 2; cx <= x + w - 1; cx += 4) xs.push(cx);
    if (xs.length === 0) xs.push(x + w / 2);
    for (let cy = Math.ceil((b.y - 1) / 4) * 4 + 2; cy <= b.y + b.h - 1; cy += 4) {
      for (const cx of xs) {
        ctx.moveTo(cx + 1.1, cy);
        ctx.arc(cx, cy, 1.1, 0, 2 * Math.PI);
      }
    }
  }
  ctx.fill();

  ctx.globalAlpha = 0.55;
  ctx.strokeStyle = resolve(TRANSFER_STROKE);
  ctx.beginPath();
  for (const t of layout.transfers) {
    ctx.moveTo(t.x1, t.y1);
    ctx.lineTo(t.x2, t.y2);
  }
  ctx.stroke();
  ctx.globalAlpha = 1;

  centreLabels(ctx);
  for (const b of layout.blocks) {
    if (!b.showLabel) continue;
    ctx.fillStyle = b.textFill;
    ctx.fillText(b.label, b.x + b.w / 2, b.y + b.h / 2);
  }
  ctx.restore();
}
