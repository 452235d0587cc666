/**
 * The frameworks a run can name (workload.framework): each is ONE entry with
 * the modes it runs, its host runtime (what the CPU pays per operation,
 * host.ts) and its defaults for the engine switches that the scenario leaves
 * null, each with the source that says the framework does it. An explicit
 * true/false in the scenario always wins (scenario/resolve-framework.ts).
 *
 * No imports from the scenario: the schema reads FRAMEWORK_IDS from here.
 */

export const FRAMEWORK_IDS = [
  'auto',
  'megatron-core',
  'nemo',
  'torchtitan',
  'pytorch-eager',
  'vllm',
  'sglang',
  'tensorrt-llm',
] as const;
export type FrameworkId = (typeof FRAMEWORK_IDS)[number];

/**
 * How the CPU issues work: a Python framework calling PyTorch eagerly, a
 * serving engine whose Python model code runs eagerly but replays CUDA
 * graphs where shapes are static, or a compiled engine (TensorRT-LLM's C++
 * runtime: no Python per operation).
 */
export type Runtime = 'eager' | 'cuda-graphs' | 'compiled';

/** The switches a framework sets when the scenario leaves them null. */
export type SwitchKey = 'cudaGraphs' | 'epNodeDedup' | 'epFp8Dispatch' | 'tpCommOverlap' | 'epCommOverlap';

/** What a framework's defaults depend on (read from the scenario by the resolver). */
export interface FrameworkContext {
  mode: 'training' | 'inference';
  phase: 'prefill' | 'decode';
  /** GPU generation of the hardware preset ('hopper', 'blackwell', 'ampere', …). */
  generation: string;
  precision: 'fp16' | 'bf16' | 'fp8';
  /** A MoE model with EP > 1 (its experts need an all-to-all). */
  expertAllToAll: boolean;
  /** TP > 1 with sequence parallelism (what userbuffers' TP overlap needs). */
  tpWithSequenceParallel: boolean;
}

/** A default: the value and the source that says the framework runs with it. */
export interface SwitchDefault {
  value: boolean;
  source: string;
}

export interface Framework {
  id: Exclude<FrameworkId, 'auto'>;
  label: string;
  modes: readonly ('training' | 'inference')[];
  runtime: Runtime;
  /** The framework's value for each switch in this context; a switch left out is off. */
  defaults(c: FrameworkContext): Partial<Record<SwitchKey, SwitchDefault>>;
}

/** DeepEP and HybridEP run on Hopper and Blackwell (NVSHMEM/IBGDA); older GPUs keep the plain all-to-all. */
const DEEPEP_GENERATIONS = new Set(['hopper', 'blackwell']);

const MCORE_DISPATCH =
  "Megatron-Bridge's MoE recipes (DeepSeek-V3, Qwen3) use the flex token dispatcher: DeepEP on Hopper, HybridEP on Blackwell (recipes/deepseek/deepseek_v3.py, apply_flex_dispatcher_backend)";
/*
 * DeepEP can dispatch FP8 (DeepSeek-V3 report 3.3.3), but Megatron-Core's flex dispatcher hands it the
 * 16-bit hidden states (core/transformer/moe/fused_a2a.py sizes its buffers at max(element size, 2) bytes)
 * and Transformer Engine quantizes inside the expert GEMMs: FP8 dispatch is not a Megatron default.
 */
const FP8_DISPATCH =
  "Megatron-Core's flex dispatcher sends the 16-bit hidden states (fused_a2a.py); Transformer Engine quantizes to FP8 inside the expert GEMMs";
const NO_GRAPHS_TRAINING =
  'Megatron-LM leaves CUDA graphs off unless --cuda-graph-impl / enable_cuda_graph is set; dropless MoE cannot capture past the token-count sync';
const EP_OVERLAP_OPT_IN =
  "Megatron-Bridge's overlap_moe_expert_parallel_comm is an opt-in tuning step (BF16/FP16 only), off in its recipes by default";

/** Megatron-Core's and NeMo's MoE defaults: the same dispatcher, since NeMo 2 runs on Megatron-Core. */
function mcoreMoe(c: FrameworkContext): Partial<Record<SwitchKey, SwitchDefault>> {
  if (c.mode !== 'training' || !c.expertAllToAll) return {};
  const deepEp = DEEPEP_GENERATIONS.has(c.generation);
  return {
    epNodeDedup: { value: deepEp, source: deepEp ? MCORE_DISPATCH : 'DeepEP/HybridEP need Hopper or later' },
    epFp8Dispatch: { value: false, source: FP8_DISPATCH },
    epCommOverlap: { value: false, source: EP_OVERLAP_OPT_IN },
  };
}

/** Serving engines capture the decode step (static shapes per batch size) in CUDA graphs by default. */
function decodeGraphs(source: string) {
  return (c: FrameworkContext): Partial<Record<SwitchKey, SwitchDefault>> => ({
    cudaGraphs: {
      value: c.phase === 'decode',
      source: c.phase === 'decode' ? source : `${source}; prefill runs outside the captured sizes`,
    },
  });
}

export const FRAMEWORKS: readonly Framework[] = [
  {
    id: 'megatron-core',
    label: 'Megatron-Core',
    modes: ['training'],
    runtime: 'eager',
    defaults: (c) => ({
      cudaGraphs: { value: false, source: NO_GRAPHS_TRAINING },
      // Megatron-LM's --tp-comm-overlap is off unless set (arguments.py); NeMo's recipes set it.
      tpCommOverlap: { value: false, source: 'Megatron-LM --tp-comm-overlap is off unless set' },
      ...mcoreMoe(c),
    }),
  },
  {
    id: 'nemo',
    label: 'NeMo',
    modes: ['training'],
    runtime: 'eager',
    defaults: (c) => ({
      cudaGraphs: { value: false, source: NO_GRAPHS_TRAINING },
      tpCommOverlap: {
        value: c.tpWithSequenceParallel,
        source:
          'NeMo 2 GPT-3 175B and Llama 3 performance recipes: MegatronCommOverlapCallback(tp_comm_overlap=True) with userbuffers configs (needs TP > 1 with sequence parallelism)',
      },
      ...mcoreMoe(c),
    }),
  },
  {
    id: 'torchtitan',
    label: 'TorchTitan',
    modes: ['training'],
    runtime: 'eager',
    defaults: () => ({
      cudaGraphs: {
        value: false,
        source: 'TorchTitan does not capture CUDA graphs (torch.compile per block is optional)',
      },
      tpCommOverlap: {
        value: false,
        source:
          'TorchTitan: async tensor parallel (enable_async_tensor_parallel) is off unless set and needs torch.compile',
      },
      epNodeDedup: { value: false, source: 'TorchTitan expert parallel: all-to-all over torch.distributed by default' },
    }),
  },
  {
    id: 'pytorch-eager',
    label: 'PyTorch (eager)',
    modes: ['training'],
    runtime: 'eager',
    defaults: () => ({}),
  },
  {
    id: 'vllm',
    label: 'vLLM',
    modes: ['inference'],
    runtime: 'cuda-graphs',
    defaults: decodeGraphs('vLLM captures CUDA graphs for decode batch sizes unless enforce_eager is set'),
  },
  {
    id: 'sglang',
    label: 'SGLang',
    modes: ['inference'],
    runtime: 'cuda-graphs',
    defaults: decodeGraphs('SGLang replays CUDA graphs for decode up to cuda_graph_max_bs unless --disable-cuda-graph'),
  },
  {
    id: 'tensorrt-llm',
    label: 'TensorRT-LLM',
    modes: ['inference'],
    runtime: 'compiled',
    defaults: decodeGraphs(
      'TensorRT-LLM enables CUDA graphs for generation steps (cuda_graph_config / --use_cuda_graph)',
    ),
  },
];

/** 'auto': Megatron-Core in training, a CUDA-graph serving engine (vLLM) in inference. */
export function frameworkOf(id: FrameworkId, mode: 'training' | 'inference'): Framework {
  const wanted = id === 'auto' ? (mode === 'training' ? 'megatron-core' : 'vllm') : id;
  return FRAMEWORKS.find((f) => f.id === wanted)!;
}

/** The framework ids a mode accepts, for the error message. */
export function frameworksFor(mode: 'training' | 'inference'): string[] {
  return ['auto', ...FRAMEWORKS.filter((f) => f.modes.includes(mode)).map((f) => f.id)];
}
