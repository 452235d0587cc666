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
}

/**
 * 45 µs per framework operation: PyTorch eager costs several µs of
 * dispatcher and driver time per operator, and autograd, Python module code
 * and Transformer Engine's FP8 bookkeeping several times that in a training
 * framework (NVIDIA, "Accelerating PyTorch with CUDA Graphs", 2021: CPU launch
 * overhead dominates once kernels run for tens of µs). One value for every
 * framework and CPU, set by the evidence above.
 */
export const HOST_SECONDS_PER_KERNEL = 45e-6;

/**
 * Each expert's GEMM inside Transformer Engine's GroupedLinear: the module
 * splits the input and prepares each expert's (FP8) operands in Python, then
 * launches its GEMM from C++, about 20 µs. With it the 8-B200 Qwen3-30B-A3B
 * dropless run at micro-batch 1 without CUDA graphs (25.11, 9,299
 * tokens/s/GPU, not a calibration row) comes out at 9,330; the same run at
 * micro-batch 4 is GPU-bound.
 */
export const HOST_SECONDS_PER_LAUNCH = 20e-6;

/** A replayed graph costs about 1 µs of CPU per kernel it holds. */
export const GRAPHED_SECONDS_PER_KERNEL = 1e-6;

/** A device-to-host copy and stream synchronisation: tens of µs. */
export const DROPLESS_SYNC_SECONDS = 50e-6;

export function hostOf(cudaGraphs: boolean): Host {
  return {
    secondsPerKernel: HOST_SECONDS_PER_KERNEL,
    secondsPerLaunch: HOST_SECONDS_PER_LAUNCH,
    secondsPerGraphedKernel: GRAPHED_SECONDS_PER_KERNEL,
    syncSeconds: DROPLESS_SYNC_SECONDS,
    cudaGraphs,
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
 * What the GPU waits for the host in one pass: the CPU runs ahead within the
 * pass, so only host time beyond the GPU time shows, plus each sync's round trip.
 */
export function exposedHostSeconds(gpuSeconds: number, k: KernelCount, host: Host, syncs: number): number {
  return Math.max(0, hostSeconds(k, host) - gpuSeconds) + syncs * host.syncSeconds;
}
