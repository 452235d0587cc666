/**
 * Interleaved 1F1B (Narayanan et al. 2021 §2.2; Megatron-LM's
 * forward_backward_pipelining_with_interleaving): each device holds v model
 * chunks, chunk c of device d being virtual stage c·P + d, which shrinks the
 * fill and drain v-fold at the price of v× more point-to-point sends.
 */
import { OP_BW, OP_F, packOp } from '../ops';
import { bubbleOf, roundRobinPlacement, scheduleError, type PipelineSchedule } from '../schedule';
import { oneFOneBOrders } from './oneFOneB';

const chunksOf = (v: number) => Math.max(1, Math.floor(v));

/**
 * Micro-batch groups: Megatron-Core runs groups of P micro-batches through
 * chunk 0, then chunk 1, … (`get_schedule_table`, group size P, its
 * "depth-first" default). When m % P ≠ 0 Megatron leaves a short last group,
 * which in a fixed-order run either stalls (the group cannot cover the P-hop
 * round trip back to device 0) or deadlocks, so here the last group absorbs
 * the remainder instead (P…2P−1 micro-batches; all m when m < P). For
 * m % P = 0 this is exactly Megatron's table.
 */
function groups(P: number, m: number): number[] {
  const sizes: number[] = [];
  for (let first = 0; first < m;) {
    const size = m - first < 2 * P ? m - first : P;
    sizes.push(size);
    first += size;
  }
  return sizes;
}

/** [microBatch, chunk] pairs, flattened, in forward order. */
function forwardTable(sizes: number[], v: number): Int32Array {
  const table = new Int32Array(2 * v * sizes.reduce((a, b) => a + b, 0));
  let n = 0;
  let first = 0;
  for (const size of sizes) {
    for (let c = 0; c < v; c++) {
      for (let mb = first; mb < first + size; mb++) {
        table[n++] = mb;
        table[n++] = c;
      }
    }
    first += size;
  }
  return table;
}

/**
 * Device i: a warm-up of 2(P−1−i) + (v−1)·P forwards (P → the largest group
 * when m % P ≠ 0), then one forward and one backward per step, then the
 * remaining backwards. The k-th backward is the table's k-th entry with the
 * chunk reversed, since gradients enter through the last chunk.
 */
function interleavedOrders(P: number, m: number, v: number, forwardOnly: boolean): Int32Array[] {
  const sizes = groups(P, m);
  const table = forwardTable(sizes, v);
  const largest = sizes.reduce((a, b) => Math.max(a, b), 0);
  const total = m * v;
  const fwd = (k: number) => packOp(OP_F, table[2 * k], table[2 * k + 1], v);
  const bwd = (k: number) => packOp(OP_BW, table[2 * k], v - 1 - table[2 * k + 1], v);
  return Array.from({ length: P }, (_, i) => {
    const ops = new Int32Array(forwardOnly ? total : 2 * total);
    let n = 0;
    if (forwardOnly) {
      for (let k = 0; k < total; k++) ops[n++] = fwd(k);
      return ops;
    }
    // The backward of a group's chunk-0 entry (chunk v−1 reversed) sits
    // (v−1)·group forwards later in the table, so the largest group sets the
    // warm-up; fewer would deadlock.
    const warmup = Math.min(total, 2 * (P - 1 - i) + (v - 1) * largest);
    for (let k = 0; k < warmup; k++) ops[n++] = fwd(k);
    for (let k = 0; k < total - warmup; k++) {
      ops[n++] = fwd(k + warmup);
      ops[n++] = bwd(k);
    }
    for (let k = total - warmup; k < total; k++) ops[n++] = bwd(k);
    return ops;
  });
}

export const interleaved1F1B: PipelineSchedule<'interleaved-1f1b'> = {
  id: 'interleaved-1f1b',
  label: 'Interleaved 1F1B',
  longLabel: 'Interleaved 1F1B: v model chunks per GPU (Narayanan et al. 2021 §2.2)',
  usesVirtualStages: true,
  parameterCopies: 1,
  backwardSplit: 'none',
  notes: [],
  chunksPerDevice: chunksOf,
  placement: (P, v) => roundRobinPlacement(P, chunksOf(v)),
  laneOf: () => 0,
  chunkNames: (v) => Array.from({ length: chunksOf(v) }, (_, c) => `stage ${c}·P + i`),
  deviceOrders({ stages: P, microBatches: m, virtualStages }, forwardOnly) {
    const v = chunksOf(virtualStages);
    // With one chunk it is plain 1F1B.
    if (v === 1) return forwardOnly ? interleavedOrders(P, m, 1, true) : oneFOneBOrders(P, m);
    return interleavedOrders(P, m, v, forwardOnly);
  },
  blocks: ({ stages, microBatches, virtualStages }, forwardOnly) =>
    stages * microBatches * chunksOf(virtualStages) * (forwardOnly ? 1 : 2),
  inFlightMicroBatches({ stages: P, microBatches: m, virtualStages }, device) {
    const v = chunksOf(virtualStages);
    if (v === 1) return Math.min(m, P - device);
    // Megatron's interleaved warm-up: 2(P−i−1) + (v−1)P chunk forwards, plus the one in progress.
    return Math.min(m, (2 * (P - device - 1) + (v - 1) * P + 1) / v);
  },
  // The ramp shrinks v-fold: (P−1)/(v·m+P−1) (exact in this simulator for m % P = 0).
  textbookBubble({ stages: P, microBatches: m, virtualStages, durations: d, forwardOnly }) {
    const v = chunksOf(virtualStages);
    const block = forwardOnly ? d.forward : d.forward + d.backwardInput + d.backwardWeight;
    return v > 1 ? bubbleOf('(P−1)/(v·m+P−1)', P - 1, v * m, block) : bubbleOf('(P−1)/(m+P−1)', P - 1, m, block);
  },
  /**
   * It needs at least 2 chunks and 2 stages, and (Megatron-LM) a micro-batch
   * count divisible by PP.
   */
  constraints({ stages: P, microBatches: m, virtualStages: v }) {
    const fields = ['parallel.virtualStages', 'parallel.schedule'];
    const out = [];
    if (v < 2) {
      out.push(
        scheduleError(
          'VIRTUAL_STAGES',
          'The interleaved-1f1b schedule needs at least 2 virtual stages (model chunks per GPU); with 1 it is plain 1F1B.',
          fields,
        ),
      );
    }
    if (P < 2) {
      out.push(
        scheduleError(
          'VIRTUAL_STAGES',
          `The interleaved-1f1b schedule needs a pipeline of at least 2 stages, but PP is ${P}.`,
          [...fields, 'parallel.pp'],
        ),
      );
    }
    if (m % P !== 0) {
      out.push(
        scheduleError(
          'INTERLEAVED_MICROBATCHES',
          `The interleaved schedule runs micro-batches in groups of PP = ${P}, but ${m} micro-batches is not a multiple of ${P}. ` +
            'Megatron-LM requires the micro-batch count to be divisible by PP for this schedule.',
          ['workload.microBatches', 'parallel.pp', 'parallel.schedule'],
        ),
      );
    }
    return out;
  },
  microBatchGrid: (P) => ({ min: P, step: P }),
};
