/**
 * How one op of a device's list is stored. Ops are packed into one integer,
 * code = (microBatch·v + chunk)·4 + kind, so a P=64, m=256 schedule costs a
 * few typed arrays, not 10⁵ objects (v = chunks per device).
 */
import type { PipelineOp } from './types';

/** Forward of one chunk. */
export const OP_F = 0;
/** Backward for the chunk's input only (Zero Bubble's "B"); its W comes later. */
export const OP_B = 1;
/** Backward for the chunk's weights (Zero Bubble's "W"). */
export const OP_W = 2;
/** The whole backward, input and weight gradients in one block (drawn as "B"). */
export const OP_BW = 3;
export const OP_KINDS = 4;

/** Timeline names of the op kinds: a whole backward is drawn as "B". */
export const KIND_NAMES = ['F', 'B', 'W', 'B'] as const;

export function packOp(kind: number, microBatch: number, chunk: number, v: number): number {
  return (microBatch * v + chunk) * OP_KINDS + kind;
}

export function unpackOp(code: number, v: number): PipelineOp {
  const kind = code % OP_KINDS;
  const rest = (code - kind) / OP_KINDS;
  const chunk = rest % v;
  return { kind: KIND_NAMES[kind], microBatch: (rest - chunk) / v, chunk, inputOnly: kind === OP_B };
}
