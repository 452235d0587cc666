/**
 * How one op of a device's list is stored. Ops are packed into one integer,
 * code = (microBatch·v + chunk)·8 + paired·4 + kind, so a P=64, m=256
 * schedule costs a few typed arrays, not 10⁵ objects (v = chunks per device).
 * "paired" marks a forward that runs fused with the backward after it
 * (DualPipe's overlapped F&B): the pair starts when both inputs are there and
 * both results leave when the pair ends.
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
/** Codes per (micro-batch, chunk): 4 kinds, each plain or paired. */
export const OP_STRIDE = 8;
/** Added to an F's code: it runs fused with the next op (a backward). */
export const OP_PAIRED = 4;

/** Timeline names of the op kinds: a whole backward is drawn as "B". */
export const KIND_NAMES = ['F', 'B', 'W', 'B'] as const;

export function packOp(kind: number, microBatch: number, chunk: number, v: number, paired = false): number {
  return (microBatch * v + chunk) * OP_STRIDE + (paired ? OP_PAIRED : 0) + kind;
}

/** Fields of a decoded op, at these indices of decodeOp's output. */
export const KIND = 0;
export const CHUNK = 1;
export const MICRO_BATCH = 2;
export const IS_PAIRED = 3;

/**
 * An op code's kind, chunk, micro-batch and paired flag (1 or 0), written
 * into `out` at KIND, CHUNK, MICRO_BATCH and IS_PAIRED: no allocation, for
 * the simulator's per-op loops.
 */
export function decodeOp(code: number, v: number, out: Int32Array): Int32Array {
  const low = code % OP_STRIDE;
  const rest = (code - low) / OP_STRIDE;
  const chunk = rest % v;
  out[KIND] = low % OP_PAIRED;
  out[CHUNK] = chunk;
  out[MICRO_BATCH] = (rest - chunk) / v;
  out[IS_PAIRED] = low >= OP_PAIRED ? 1 : 0;
  return out;
}

export function unpackOp(code: number, v: number): PipelineOp {
  const [kind, chunk, microBatch, paired] = decodeOp(code, v, new Int32Array(4));
  return { kind: KIND_NAMES[kind], microBatch, chunk, inputOnly: kind === OP_B, pairedWithNext: paired === 1 };
}
