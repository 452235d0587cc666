/**
 * GPipe (Huang et al. 2019, "GPipe: Efficient Training of Giant Neural
 * Networks using Pipeline Parallelism"): every device runs all forwards,
 * then all backwards, so it holds the activations of all m micro-batches.
 */
import { OP_BW, OP_F, packOp } from '../ops';
import { fillAndDrainBubble, ONE_CHUNK_PER_DEVICE, type PipelineSchedule } from '../schedule';

export const gpipe: PipelineSchedule<'gpipe'> = {
  id: 'gpipe',
  label: 'GPipe',
  longLabel: 'GPipe: all forwards, then all backwards (Huang et al. 2019)',
  ...ONE_CHUNK_PER_DEVICE,
  backwardSplit: 'none',
  notes: [],
  deviceOrders({ stages: P, microBatches: m }, forwardOnly) {
    return Array.from({ length: P }, () => {
      const ops = new Int32Array(forwardOnly ? m : 2 * m);
      let k = 0;
      for (let mb = 0; mb < m; mb++) ops[k++] = packOp(OP_F, mb, 0, 1);
      // Backwards in micro-batch order, as torch.distributed.pipelining's ScheduleGPipe.
      if (!forwardOnly) for (let mb = 0; mb < m; mb++) ops[k++] = packOp(OP_BW, mb, 0, 1);
      return ops;
    });
  },
  blocks: ({ stages, microBatches }, forwardOnly) => stages * microBatches * (forwardOnly ? 1 : 2),
  inFlightMicroBatches: ({ microBatches }) => microBatches,
  // Every device idles P−1 block times while the pipe fills and P−1 while it drains.
  textbookBubble: fillAndDrainBubble,
  constraints: () => [],
  microBatchGrid: () => ({ min: 1, step: 1 }),
};
