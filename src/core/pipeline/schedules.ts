/**
 * Per-device op order of each schedule. Devices run their list strictly in
 * order, like Megatron / torch.distributed.pipelining do; the simulator only
 * decides *when* each op can start.
 *
 * Ops are packed into one integer, code = (microBatch·v + chunk)·3 + kind,
 * so a P=64, m=256 schedule costs a few typed arrays, not 10⁵ objects.
 */
import type { PipelineOp, ScheduleName } from './types';

export const OP_F = 0;
export const OP_B = 1;
export const OP_W = 2;
const KIND_NAMES = ['F', 'B', 'W'] as const;

export function packOp(kind: number, microBatch: number, chunk: number, v: number): number {
  return (microBatch * v + chunk) * 3 + kind;
}

export function unpackOp(code: number, v: number): PipelineOp {
  const kind = code % 3;
  const rest = (code - kind) / 3;
  const chunk = rest % v;
  return { kind: KIND_NAMES[kind], microBatch: (rest - chunk) / v, chunk };
}

/** Chunks per device the schedule actually uses (non-interleaved schedules fold to 1). */
export function effectiveChunks(schedule: ScheduleName, v: number): number {
  return schedule === 'interleaved-1f1b' ? Math.max(1, Math.floor(v)) : 1;
}

/** Ops per device: F only for inference, F+B for training, F+B+W under ZB-H1. */
export function opsPerDevice(schedule: ScheduleName, m: number, v: number, forwardOnly: boolean): number {
  const kinds = forwardOnly ? 1 : schedule === 'zb-h1' ? 3 : 2;
  return m * effectiveChunks(schedule, v) * kinds;
}

/**
 * Micro-batch groups of the interleaved schedule: Megatron-Core runs groups
 * of P micro-batches through chunk 0, then chunk 1, … (`get_schedule_table`,
 * group size P, its "depth-first" default). When m % P ≠ 0 Megatron leaves a
 * short last group, which in a fixed-order run either stalls (the group
 * cannot cover the P-hop round trip back to device 0) or deadlocks, so here
 * the last group absorbs the remainder instead (P…2P−1 micro-batches; all m
 * when m < P). For m % P = 0 this is exactly Megatron's table.
 */
function interleavedGroups(P: number, m: number): number[] {
  const sizes: number[] = [];
  for (let first = 0; first < m; ) {
    const size = m - first < 2 * P ? m - first : P;
    sizes.push(size);
    first += size;
  }
  return sizes;
}

/** [microBatch, chunk] pairs, flattened, in forward order. */
function interleavedTable(groups: number[], v: number): Int32Array {
  const table = new Int32Array(2 * v * groups.reduce((a, b) => a + b, 0));
  let n = 0;
  let first = 0;
  for (const size of groups) {
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
 * Op lists, one Int32Array per device, for P devices, m micro-batches and
 * v chunks per device (v is ignored except for the interleaved schedule).
 */
export function buildDeviceOrders(
  schedule: ScheduleName,
  P: number,
  m: number,
  v: number,
  forwardOnly: boolean,
): Int32Array[] {
  const vv = effectiveChunks(schedule, v);
  const n = opsPerDevice(schedule, m, vv, forwardOnly);
  const orders: Int32Array[] = [];
  const groups = vv > 1 ? interleavedGroups(P, m) : [];
  const table = vv > 1 ? interleavedTable(groups, vv) : null;
  const maxGroup = groups.reduce((a, b) => Math.max(a, b), 0);
  for (let i = 0; i < P; i++) {
    const ops = new Int32Array(n);
    let k = 0;
    if (table) {
      k = interleaved(ops, table, P, m, vv, i, maxGroup, forwardOnly);
    } else if (forwardOnly) {
      for (let mb = 0; mb < m; mb++) ops[k++] = packOp(OP_F, mb, 0, 1);
    } else if (schedule === 'gpipe') {
      // GPipe (Huang et al. 2019): all forwards, then all backwards; backwards
      // in micro-batch order as torch.distributed.pipelining's ScheduleGPipe.
      for (let mb = 0; mb < m; mb++) ops[k++] = packOp(OP_F, mb, 0, 1);
      for (let mb = 0; mb < m; mb++) ops[k++] = packOp(OP_B, mb, 0, 1);
    } else {
      // (interleaved with v = 1 lands here too: it is plain 1F1B.)
      // 1F1B / ZB-H1 as one loop over "steady-state tuples" x = 0 … m+P−2:
      // device i runs (F_x, B_{x−(P−1−i)}) for 1F1B (PipeDream-flush, Narayanan
      // et al. 2021; Megatron's warm-up of P−1−i forwards falls out), and
      // (F_x, B_{x−(P−1−i)}, W_{x−(P−1)}) for ZB-H1 (Qi et al. 2024, §3.1):
      // W lags so it fills the cool-down bubbles, while at most P micro-batches
      // are in flight, as in 1F1B. Out-of-range indices are skipped.
      const zb = schedule === 'zb-h1';
      for (let x = 0; x < m + P - 1; x++) {
        if (x < m) ops[k++] = packOp(OP_F, x, 0, 1);
        const b = x - (P - 1 - i);
        if (b >= 0 && b < m) ops[k++] = packOp(OP_B, b, 0, 1);
        const w = x - (P - 1);
        if (zb && w >= 0 && w < m) ops[k++] = packOp(OP_W, w, 0, 1);
      }
    }
    if (k !== n) throw new Error(`pipeline schedule ${schedule}: built ${k} ops on device ${i}, expected ${n}`);
    orders.push(ops);
  }
  return orders;
}

/**
 * Megatron interleaved 1F1B (Narayanan et al. 2021 §2.2;
 * forward_backward_pipelining_with_interleaving): warm-up of
 * 2(P−1−i) + (v−1)·P forwards (P → the largest group when m % P ≠ 0),
 * then one forward and one backward per step,
 * then the remaining backwards. The k-th backward is the table's k-th entry
 * with the chunk reversed, since gradients enter through the last chunk.
 */
function interleaved(
  ops: Int32Array,
  table: Int32Array,
  P: number,
  m: number,
  v: number,
  i: number,
  maxGroup: number,
  forwardOnly: boolean,
): number {
  const total = m * v;
  const fwd = (k: number) => packOp(OP_F, table[2 * k], table[2 * k + 1], v);
  const bwd = (k: number) => packOp(OP_B, table[2 * k], v - 1 - table[2 * k + 1], v);
  let n = 0;
  if (forwardOnly) {
    for (let k = 0; k < total; k++) ops[n++] = fwd(k);
    return n;
  }
  // Megatron: 2(P−1−i) + (v−1)·group. The backward of a group's chunk-0 entry
  // (chunk v−1 reversed) sits (v−1)·group forwards later in the table, so the
  // largest group sets the warm-up; fewer would deadlock.
  const warmup = Math.min(total, 2 * (P - 1 - i) + (v - 1) * maxGroup);
  for (let k = 0; k < warmup; k++) ops[n++] = fwd(k);
  for (let k = 0; k < total - warmup; k++) {
    ops[n++] = fwd(k + warmup);
    ops[n++] = bwd(k);
  }
  for (let k = total - warmup; k < total; k++) ops[n++] = bwd(k);
  return n;
}

/** Readable op lists (for tests and the teaching UI). */
export function deviceOps(
  schedule: ScheduleName,
  P: number,
  m: number,
  v: number,
  forwardOnly: boolean,
): PipelineOp[][] {
  const vv = effectiveChunks(schedule, v);
  return buildDeviceOrders(schedule, P, m, v, forwardOnly).map((ops) => Array.from(ops, (c) => unpackOp(c, vv)));
}
