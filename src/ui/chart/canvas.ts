/**
 * What the charts' canvas drawing shares: the slice of the 2D context they
 * use (so tests can pass a recorder), clearing a frame at the screen's pixel
 * ratio, and the style of text drawn on marks.
 */

/** The subset of CanvasRenderingContext2D the charts draw with. */
export type Ctx2D = Pick<
  CanvasRenderingContext2D,
  | 'setTransform'
  | 'clearRect'
  | 'fillRect'
  | 'strokeRect'
  | 'beginPath'
  | 'moveTo'
  | 'lineTo'
  | 'rect'
  | 'arc'
  | 'stroke'
  | 'fill'
  | 'fillText'
  | 'setLineDash'
  | 'save'
  | 'restore'
  | 'clip'
> & {
  fillStyle: CanvasRenderingContext2D['fillStyle'];
  strokeStyle: CanvasRenderingContext2D['strokeStyle'];
  lineWidth: number;
  globalAlpha: number;
  font: string;
  textAlign: CanvasTextAlign;
  textBaseline: CanvasTextBaseline;
};

/** Font of labels drawn on marks; matches the SVG renderings' 10 px text. */
export const MARK_FONT = '10px system-ui, sans-serif';

/** Scales to device pixels (layouts are in CSS pixels) and clears a width × height frame. */
export function startFrame(ctx: Ctx2D, dpr: number, width: number, height: number): void {
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
}

/** Sets the font for labels centred on their mark. */
export function centreLabels(ctx: Ctx2D): void {
  ctx.font = MARK_FONT;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
}
