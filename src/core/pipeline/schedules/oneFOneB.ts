/**
 * 1F1B, "PipeDream-flush" (Narayanan et al. 2021, "Efficient Large-Scale
 * Language Model Training on GPU Clusters Using Megatron-LM" §2.2): device i
 * warms up with P−1−i forwards, then alternates one forward and one backward,
 * so it holds at most P−i micro-batches' activations.
 */
import { OP_BW, OP_F, packOp } from '../ops';
import { fillAndDrainBubble, ONE_CHUNK_PER_DEVICE, type PipelineSchedule } from '../schedule';

/**
 * One loop over "steady-state tuples" x = 0 … m+P−2: device i runs
 * (F_x, B_{x−(P−1−i)}), skipping indices outside 0 … m−1; Megatron's
 * warm-up of P−1−i forwards falls out.
 */
export function oneFOneBOrders(P: number, m: number): Int32Array[] {
  return Array.from({ length: P }, (_, i) => {
    const ops = new Int32Array(2 * m);
    let k = 0;
    for (let x = 0; x < m + P - 1; x++) {
      if (x < m) ops[k++] = packOp(OP_F, x, 0, 1);
      const b = x - (P - 1 - i);
      if (b >= 0 && b < m) ops[k++] = packOp(OP_BW, b, 0, 1);
    }
    return ops;
  });
}

export function forwardsInOrder(P: number, m: number): Int32Array[] {
  return Array.from({ length: P }, () => Int32Array.from({ length: m }, (_, mb) => packOp(OP_F, mb, 0, 1)));
}

export const oneFOneB: PipelineSchedule<'1f1b'> = {
  id: '1f1b',
  label: '1F1B',
  longLabel: '1F1B: one forward, one backward (PipeDream-flush, Narayanan et al. 2021)',
  ...ONE_CHUNK_PER_DEVICE,
  backwardSplit: 'none',
  notes: [],
  deviceOrders: ({ stages, microBatches }, forwardOnly) =>
    forwardOnly ? forwardsInOrder(stages, microBatches) : oneFOneBOrders(stages, microBatches),
  blocks: ({ stages, microBatches }, forwardOnly) => stages * microBatches * (forwardOnly ? 1 : 2),
  inFlightMicroBatches: ({ stages: P, microBatches: m }, device) => Math.min(m, P - device),
  // DeepSeek-V3 Table 2: (PP−1)(F+B) idle per device, B the whole backward.
  textbookBubble: fillAndDrainBubble,
  constraints: () => [],
  microBatchGrid: () => ({ min: 1, step: 1 }),
};
