/**
 * The host (CPU) side of a layer (cost-model.md §9). A training framework
 * launches every kernel from the CPU and the GPU runs them from a queue, so
 * while the CPU stays ahead the launches cost nothing; when a layer's
 * kernels are so small that the GPU finishes them faster than the CPU issues
 * them, the layer takes the CPU's time instead ("launch-bound": the reason
 * Megatron-Bridge offers CUDA graphs for "launch-bound training steps where
 * GPU compute is fast enough that repeated host-driver submission overhead
 * becomes noticeable").
 *
 * Fine-grained MoE layers are where this bites: dozens of small kernels for
 * routing and permutation, and one GEMM launch per local expert (Transformer
 * Engine's GroupedLinear loops over the experts). Dropless routing also copies
 * each expert's token count to the host before the all-to-all and the grouped
 * GEMM (their sizes must be known on the CPU), so the part after that sync
 * changes shape every step and cannot be captured in a CUDA graph; with a
 * capacity factor (token drop) every shape is static and the whole layer can be.
 *
 * Evidence for the size (Megatron-Bridge performance tables, not calibration
 * rows): Qwen3-30B-A3B on 8 B200 at micro-batch 1 ran 18,066 tokens/s/GPU
 * with token drop (NeMo 25.09) and 9,299 dropless (25.11), while micro-batch 4
 * dropless reached 23,766 on GB200 (25.11): the micro-batch-1 dropless run is
 * bound by something that does not grow with the tokens, about 9 ms per layer
 * and micro-batch (forward and backward), which the host time below gives.
 * A Transformer Engine layer's own kernels need no separate count: an
 * operation here is one framework call, however many kernels it runs.
 */

import type { Runtime } from '../catalog/frameworks';

export interface Host {
  /** CPU time to issue one framework operation (Python module code, autograd, dispatcher, driver launch). */
  secondsPerKernel: number;
  /** CPU time of each expert's GEMM inside a grouped GEMM operation. */
  secondsPerLaunch: number;
  /** CPU time per kernel replayed from a CUDA graph. */
  secondsPerGraphedKernel: number;
  /** Device-to-host copy of the token counts and the wait for it, per MoE layer forward when dropless. */
  syncSeconds: number;
  cudaGraphs: boolean;
  /** How the framework issues its operations (frameworks.ts). */
  runtime: Runtime;
}

/**
 * CPU time of one PyTorch operator issued eagerly, layer by layer as
 * "From PyTorch op to kernel launch" (J. Lin, GPU kernel serving lessons,
 * lesson 18) tabulates it: Python bytecode ~1 µs, the pybind11 boundary
 * ~1 µs, autograd recording 1–3 µs, the ATen dispatcher 1–2 µs, the backend's
 * algorithm choice 1–5 µs, cudaLaunchKernel 1–3 µs on CUDA 12 ("~5–25 µs of
 * CPU-side work per op"). The middle of each range: 10.5 µs with autograd,
 * 8.5 µs without (serving runs under inference_mode).
 */
export const EAGER_SECONDS_PER_TORCH_OP = 10.5e-6;
export const AUTOGRAD_SECONDS_PER_TORCH_OP = 2e-6;

/**
 * cudaLaunchKernel alone, which is all a compiled engine's C++ runtime pays
 * per kernel: 1–3 µs on CUDA 12 drivers (same source); NVIDIA's "Getting
 * Started with CUDA Graphs" (A. Gray, 2019) measured about 3.8 µs per
 * back-to-back launch of a 2.9 µs kernel, i.e. launch-throughput bound.
 */
export const CUDA_LAUNCH_SECONDS = 2e-6;

/**
 * One framework operation of a training framework is several PyTorch
 * operators: a Transformer Engine module casts its input (FP8), updates
 * amax and scales, runs the GEMM and its bias/activation: about four.
 */
export const TORCH_OPS_PER_TRAINING_OP = 4;

/** A serving engine's operation is mostly one fused custom op plus its Python glue: about two. */
export const TORCH_OPS_PER_SERVING_OP = 2;

/** A compiled engine's operation (one plugin or fused layer) launches about two kernels. */
export const KERNELS_PER_COMPILED_OP = 2;

/**
 * 42 µs per training framework operation (4 eager operators with autograd).
 * The evidence above (Megatron-Bridge's Qwen3-30B-A3B on 8 B200, 9 ms per
 * layer and micro-batch at micro-batch 1) is a check of this figure, not
 * its source.
 */
export const HOST_SECONDS_PER_KERNEL = TORCH_OPS_PER_TRAINING_OP * EAGER_SECONDS_PER_TORCH_OP;

/**
 * Each expert's GEMM inside Transformer Engine's GroupedLinear: the module
 * splits the input and prepares each expert's (FP8) operands in Python, then
 * launches its GEMM: about two eager operators, 21 µs. (With it the 8-B200
 * Qwen3-30B-A3B dropless run at micro-batch 1 without CUDA graphs, 25.11,
 * 9,299 tokens/s/GPU, not a calibration row, comes out near its measurement.)
 */
export const HOST_SECONDS_PER_LAUNCH = 2 * EAGER_SECONDS_PER_TORCH_OP;

/** A serving engine's operation issued eagerly (no autograd): 2 × 8.5 µs. */
export const SERVING_SECONDS_PER_OP =
  TORCH_OPS_PER_SERVING_OP * (EAGER_SECONDS_PER_TORCH_OP - AUTOGRAD_SECONDS_PER_TORCH_OP);

/** A compiled engine's operation: its kernels' launches only, 2 × 2 µs. */
export const COMPILED_SECONDS_PER_OP = KERNELS_PER_COMPILED_OP * CUDA_LAUNCH_SECONDS;

/**
 * A replayed graph costs about 1 µs of CPU per kernel it holds: the whole
 * graph is one launch, and the per-node work is the driver's, below one
 * cudaLaunchKernel (Gray 2019: 3.8 → 3.4 µs per kernel, GPU time included).
 */
export const GRAPHED_SECONDS_PER_KERNEL = 1e-6;

/** A device-to-host copy and stream synchronisation: tens of µs. */
export const DROPLESS_SYNC_SECONDS = 50e-6;

/**
 * The host of a framework's runtime: a training framework pays eager
 * operators with autograd, a serving engine without, a compiled engine only
 * its launches; CUDA graphs (cudaGraphs) replace what they capture by replay.
 */
export function hostOf(cudaGraphs: boolean, runtime: Runtime = 'eager', training = true): Host {
  const perOp =
    runtime === 'compiled' ? COMPILED_SECONDS_PER_OP : training ? HOST_SECONDS_PER_KERNEL : SERVING_SECONDS_PER_OP;
  return {
    secondsPerKernel: perOp,
    secondsPerLaunch: runtime === 'compiled' ? CUDA_LAUNCH_SECONDS : HOST_SECONDS_PER_LAUNCH,
    secondsPerGraphedKernel: GRAPHED_SECONDS_PER_KERNEL,
    syncSeconds: DROPLESS_SYNC_SECONDS,
    cudaGraphs,
    runtime,
  };
}

/**
 * Host work of one pass through a layer: framework operations a CUDA graph
 * can capture and those it cannot, and extra kernel launches inside
 * operations (per-expert GEMMs), which a graph captures only when `launchesGraphable`.
 */
export interface KernelCount {
  graphable: number;
  eager: number;
  launches: number;
  launchesGraphable: boolean;
}

/** CPU time to issue a pass's operations and launches. */
export function hostSeconds(k: KernelCount, host: Host): number {
  const graphed = host.cudaGraphs ? k.graphable : 0;
  const launchCost = host.cudaGraphs && k.launchesGraphable ? host.secondsPerGraphedKernel : host.secondsPerLaunch;
  return (
    graphed * host.secondsPerGraphedKernel +
    (k.graphable + k.eager - graphed) * host.secondsPerKernel +
    k.launches * launchCost
  );
}

/**
 * What the CPU exposes after a device-to-host sync. The sync empties the
 * GPU's queue, so the CPU has lost its lead: with `ops` operations of equal
 * host time h = host/ops and GPU time g = gpu/ops issued one after the other,
 * the GPU finishes the last at max over i of (i·h + (ops − i + 1)·g), which is
 * ops·h + g when h > g and h + ops·g otherwise. Beyond the GPU's own time:
 * max(h, host − gpu + g). At least one operation's host time always shows.
 */
export function drainAfterSync(hostSeconds: number, gpuSeconds: number, ops: number): number {
  if (ops <= 0) return 0;
  return Math.max(hostSeconds / ops, hostSeconds - gpuSeconds + gpuSeconds / ops);
}

/**
 * What the GPU waits for the host in one pass: the CPU runs ahead within the
 * pass, so only host time beyond the GPU time shows, plus each sync's round
 * trip. `gpuAfterSync`: the GPU time of the operations issued after the
 * pass's sync (the `eager` operations and the launches, as a dropless
 * training layer counts them); when given, those
 * drain as after a sync (drainAfterSync) and only the part before the sync
 * can hide behind GPU work.
 */
export function exposedHostSeconds(
  gpuSeconds: number,
  k: KernelCount,
  host: Host,
  syncs: number,
  gpuAfterSync?: number,
): number {
  // Serving's kernel counts do not split at the sync (no eager part): the whole pass hides as before.
  if (syncs === 0 || gpuAfterSync === undefined || k.eager + k.launches === 0) {
    return Math.max(0, hostSeconds(k, host) - gpuSeconds) + syncs * host.syncSeconds;
  }
  const after: KernelCount = { graphable: 0, eager: k.eager, launches: k.launches, launchesGraphable: false };
  const before: KernelCount = { graphable: k.graphable, eager: 0, launches: 0, launchesGraphable: true };
  const hostAfter = hostSeconds(after, host);
  return (
    Math.max(0, hostSeconds(before, host) - (gpuSeconds - gpuAfterSync)) +
    drainAfterSync(hostAfter, gpuAfterSync, k.eager + k.launches) +
    syncs * host.syncSeconds
  );
}
