/**
 * What the GPU's compute time is spent on (evaluation.time.computeParts):
 * the names and colours of each kind of work, so a reader sees where an MoE
 * layer's time goes (cost-model.md §9). Colours: GEMMs in blues and greens,
 * memory-bound work in oranges and yellows, the host's share in grey.
 */
import type { Part } from './palette';

export const COMPUTE_PARTS: readonly Part<string>[] = [
  {
    key: 'attentionProjections',
    label: 'Attention projections',
    color: 'var(--oi-blue)',
    description: 'QKV and output projection GEMMs (FP8 when the run is FP8)',
  },
  {
    key: 'attentionCore',
    label: 'Attention core',
    color: 'var(--oi-sky)',
    description: 'QKᵀ, softmax and ·V: FlashAttention, 16-bit unless FP8 attention is chosen',
  },
  { key: 'denseFfn', label: 'Dense FFN', color: '#005a8c', description: 'Feed-forward GEMMs of the dense layers' },
  {
    key: 'routedExperts',
    label: 'Routed experts',
    color: 'var(--oi-green)',
    description: "Grouped GEMMs of the local experts; each expert's rows are padded to the tile",
  },
  {
    key: 'sharedExperts',
    label: 'Shared experts',
    color: '#66c2a5',
    description: 'GEMMs of the experts every token uses',
  },
  {
    key: 'router',
    label: 'Router',
    color: 'var(--oi-purple)',
    description: 'Router GEMM, softmax/sigmoid, top-k and the load-balancing loss',
  },
  {
    key: 'permute',
    label: 'Permute / unpermute',
    color: 'var(--oi-orange)',
    description: 'Token copies gathered before the dispatch and scattered back after the combine (memory traffic)',
  },
  {
    key: 'expertActivation',
    label: 'Expert activation',
    color: 'var(--oi-yellow)',
    description: 'SwiGLU or GeLU over k × expert hidden per token (memory traffic)',
  },
  {
    key: 'fp8Quantize',
    label: 'FP8 quantize',
    color: 'var(--oi-vermillion)',
    description: 'Casting GEMM inputs and gradients to FP8 and transposing them (memory traffic)',
  },
  {
    key: 'elementwise',
    label: 'Norms and residuals',
    color: '#c9a66b',
    description: 'Norms, residual adds and the dense activation (memory traffic)',
  },
  {
    key: 'host',
    label: 'Host (launches, sync)',
    color: '#6e7781',
    description: 'The GPU waits for the CPU: kernel launches of a launch-bound layer and the dropless token-count sync',
  },
  { key: 'embedding', label: 'Embedding', color: '#b0b7bf', description: 'Token embedding lookup' },
  {
    key: 'outputHead',
    label: 'Output head and loss',
    color: '#3d4a57',
    description: 'Vocabulary GEMM and cross-entropy',
  },
  {
    key: 'mtp',
    label: 'Multi-token prediction',
    color: '#7a5c99',
    description: "The MTP modules' transformer block and 2h→h projection (their head pass is in the output head)",
  },
];

const BY_KEY = new Map(COMPUTE_PARTS.map((p) => [p.key, p]));

export function computePart(key: string): Part<string> {
  return BY_KEY.get(key) ?? { key, label: key, color: '#8c959f', description: key };
}

/** Parts on a dark fill that need white text inside the bar. */
export function darkComputePart(key: string): boolean {
  return ['attentionProjections', 'denseFfn', 'routedExperts', 'router', 'fp8Quantize', 'host', 'outputHead'].includes(
    key,
  );
}
