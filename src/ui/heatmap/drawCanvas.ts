/**
 * Draws a heatmap layout on a 2D canvas in one pass (used above 1024 GPUs,
 * where thousands of SVG nodes would make hover and resize sluggish). Same
 * layout and outlines as the SVG, so the two renderings agree.
 */
import { centreLabels, MARK_FONT, startFrame, type Ctx2D } from '../chart/canvas';
import { ALARM_STROKE, MISSING_HATCH } from './colour';
import { RELATION_STYLES, type Outline } from './highlight';
import type { HeatmapLayout } from './layout';

export interface HeatmapDrawOptions {
  dpr: number;
  outlines: Outline[];
  /** Ranks to draw at full strength; others dimmed. Null: no selection. */
  related: Set<number> | null;
  resolve: (color: string) => string;
}

/** Three diagonal strokes per cell: the canvas version of the SVG hatch pattern. */
function hatchPath(ctx: Ctx2D, x: number, y: number, w: number, h: number) {
  ctx.moveTo(x, y + h);
  ctx.lineTo(x + w, y);
  ctx.moveTo(x, y + h / 2);
  ctx.lineTo(x + w / 2, y);
  ctx.moveTo(x + w / 2, y + h);
  ctx.lineTo(x + w, y + h / 2);
}

export function drawHeatmap(ctx: Ctx2D, layout: HeatmapLayout, opts: HeatmapDrawOptions): void {
  const { dpr, resolve, related } = opts;
  startFrame(ctx, dpr, layout.width, layout.height);

  // Node frames.
  ctx.fillStyle = resolve('var(--bg)');
  ctx.strokeStyle = resolve('var(--panel-border)');
  ctx.lineWidth = 1;
  ctx.setLineDash([]);
  for (const f of layout.frames) {
    ctx.fillRect(f.x, f.y, f.w, f.h);
    ctx.strokeRect(f.x + 0.5, f.y + 0.5, f.w - 1, f.h - 1);
  }
  if (layout.showNodeLabels) {
    ctx.fillStyle = resolve('var(--text-muted)');
    ctx.font = MARK_FONT;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'alphabetic';
    for (const f of layout.frames) ctx.fillText(f.label, f.x + 1, f.labelY);
  }

  // Cells.
  for (const c of layout.cells) {
    ctx.globalAlpha = related && !related.has(c.rank) ? 0.3 : 1;
    ctx.fillStyle = resolve(c.fill);
    ctx.fillRect(c.x, c.y, c.w, c.h);
  }
  ctx.globalAlpha = 1;

  // Missing GPUs and over-capacity cells: hatches, each kind in one path.
  ctx.lineWidth = 1;
  ctx.strokeStyle = resolve(MISSING_HATCH);
  ctx.beginPath();
  for (const c of layout.cells) if (!c.inCluster) hatchPath(ctx, c.x, c.y, c.w, c.h);
  ctx.stroke();
  if (layout.alarms > 0) {
    ctx.strokeStyle = resolve(ALARM_STROKE);
    ctx.beginPath();
    for (const c of layout.cells) if (c.alarm) hatchPath(ctx, c.x, c.y, c.w, c.h);
    ctx.stroke();
    ctx.lineWidth = 2;
    ctx.beginPath();
    for (const c of layout.cells) if (c.alarm) ctx.rect(c.x + 1, c.y + 1, c.w - 2, c.h - 2);
    ctx.stroke();
  }

  // Selection outlines, each over a white halo.
  for (const o of opts.outlines) {
    const st = RELATION_STYLES[o.relation];
    ctx.setLineDash([]);
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = st.width + 2;
    ctx.strokeRect(o.x, o.y, o.w, o.h);
    ctx.setLineDash(st.dash);
    ctx.strokeStyle = resolve(st.stroke);
    ctx.lineWidth = st.width;
    ctx.strokeRect(o.x, o.y, o.w, o.h);
  }
  ctx.setLineDash([]);

  if (layout.showCellText) {
    centreLabels(ctx);
    for (const c of layout.cells) {
      if (!c.short) continue;
      ctx.fillStyle = c.textFill;
      ctx.fillText(c.short, c.x + c.w / 2, c.y + c.h / 2);
    }
  }
}
