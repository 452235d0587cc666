/**
 * Activation memory per transformer layer per micro-batch, on one GPU
 * (cost-model.md section 3).
 *
 * Source: Korthikanti et al. 2022, "Reducing Activation Recomputation in
 * Large Transformer Models", section 4 and Table 2. The paper's per-layer
 * total without parallelism is sbh(34 + 5as/h) bytes with 16-bit activations
 * and 1-byte dropout masks:
 *
 * - attention, 11·sbh + 5·as²b:
 *     QKV projection input 2sbh; Q and K for QK^T 4sbh; softmax output
 *     2as²b; its dropout mask as²b; dropout output 2as²b and V 2sbh for the
 *     product with V; output-projection input 2sbh; dropout mask sbh;
 * - MLP, 19·sbh (f = 4h): first linear input 2sbh; its output 8sbh (the
 *     GeLU input); GeLU output 8sbh (second linear input); dropout mask sbh;
 * - norms, 4·sbh: the input of each of the two layer norms, 2sbh each.
 *
 * Tensor parallelism divides what lies between the column- and row-parallel
 * linears by t (Q, K, V, the s² tensors, the output-projection input, the
 * FFN hidden tensors: 24sbh + 5as²b); sequence parallelism also divides the
 * remaining 10sbh (norm inputs, linear inputs, dropout masks). Selective
 * recompute drops the s² tensors (recomputed from Q, K, V); full recompute
 * keeps only each layer's input.
 *
 * `activationTensorsPerLayer` derives the same list tensor by tensor for any
 * model (GQA, d_h ≠ h/a, gated FFN, f ≠ 4h, MoE, MLA, FlashAttention), and
 * for a dense, non-gated, f = 4h MHA model with dropout it reproduces
 * `korthikantiBytesPerLayer` exactly.
 *
 * Precision: activations are 16-bit (β = 2 bytes) by default. FP8 training
 * (Transformer Engine) runs GEMMs in FP8 and keeps for the weight gradient
 * the FP8 copy of each GEMM's input instead of the 16-bit one (1 byte:
 * `gemmInputBytes`); the rest (norm inputs, Q/K/V for attention, the gate
 * and up outputs the activation's backward needs, expert outputs) stays 16-bit.
 *
 * DeepSeek-V3 (report, 3.3.3 "Low-Precision Storage and Communication") also caches the SwiGLU inputs in FP8
 * (`activationInputBytes`).
 *
 * Selective recompute on an MLA model also drops the up-projected Q, K and V
 * and recomputes them from the cached latents (Megatron-Core's mla_up_proj
 * recompute module, which its DeepSeek-V3 recipes use; the DeepSeek-V3 report,
 * 3.2.3, recomputes "RMSNorm and MLA up-projection" the same way).
 *
 * DeepSeek-V3's memory savings (report, arXiv 2412.19437), each an option:
 * - `recomputeNormsAndUpProjections` (3.2.3, "Recomputation of RMSNorm and
 *   MLA Up-Projection"): no RMSNorm output is stored (each norm's input is,
 *   and the norm is redone in the backward), so neither are the GEMM inputs
 *   that are norm outputs (attention input, the two normalised latents, the
 *   FFN input); nor are the up-projected Q, K and V, at any recompute setting.
 * - `routingWeightInExpert`: the combine y = Σ g_k·E_k(x) needs E_k(x) for
 *   ∂L/∂g_k, unless g_k multiplies the activation output a_k inside the
 *   expert (W_down(g_k·a_k) = g_k·W_down(a_k)): then ∂L/∂g_k = ⟨W_downᵀ∂L/∂y_k, a_k⟩
 *   from tensors the expert's backward has anyway, and no expert output is
 *   kept (Megatron-Core's probabilities-in-activation path for grouped experts).
 *   The DeepSeek-V3 report caches only the SwiGLU inputs and recomputes the
 *   output (3.3.3), which implies this; it does not say so in words.
 */
import type { ModelSpec, MoeSpec, Recompute } from '../scenario/types';
import { isMoeLayer } from '../model/layers';

export interface KorthikantiInput {
  s: number;
  b: number;
  h: number;
  a: number;
  t: number;
  sequenceParallel: boolean;
  recompute: Recompute;
}

/**
 * Korthikanti et al. 2022, Table 2, bytes per layer (16-bit activations):
 * no parallelism sbh(34 + 5as/h); TP sbh(10 + 24/t + 5as/(ht));
 * TP + SP sbh(34/t + 5as/(ht)); TP + selective sbh(10 + 24/t);
 * TP + SP + selective 34·sbh/t; full recompute 2sbh (÷t with SP, as
 * Megatron shards the checkpointed input along the sequence). t = 1 gives the
 * no-parallelism row.
 */
export function korthikantiBytesPerLayer({ s, b, h, a, t, sequenceParallel, recompute }: KorthikantiInput): number {
  const sbh = s * b * h;
  if (recompute === 'full') return sequenceParallel ? (2 * sbh) / t : 2 * sbh;
  const core = recompute === 'selective' ? 0 : (5 * a * s) / (h * t);
  return sequenceParallel ? sbh * (34 / t + core) : sbh * (10 + 24 / t + core);
}

export interface ActivationOptions {
  s: number;
  /** Micro-batch size (sequences). */
  b: number;
  t: number;
  sequenceParallel: boolean;
  recompute: Recompute;
  flashAttention: boolean;
  /**
   * Routed tokens per token (k × capacity factor, or k × straggler factor
   * when dropless) and expert tensor parallelism. Default: { topK, t }.
   */
  moe?: { tokensFactor: number; etp: number };
  /** β, bytes per stored activation element; default 2 (16-bit). */
  bytesPerElement?: number;
  /** Bytes per element of the GEMM inputs kept for the weight gradient: 1 when GEMMs run in FP8; default β. */
  gemmInputBytes?: number;
  /** Bytes per element of the activation function's inputs (gate and up outputs): 1 with DeepSeek-V3's FP8 caching; default β. */
  activationInputBytes?: number;
  /**
   * Whether the model uses dropout (Korthikanti's GPT does: 1-byte masks
   * and the dropout output of the attention probabilities). Default true.
   * Most current LLMs (Mixtral, Qwen3, DeepSeek) train without dropout.
   */
  dropout?: boolean;
  /** DeepSeek-V3 3.2.3: RMSNorm outputs and MLA's up-projected Q, K, V are recomputed, not stored. Default false. */
  recomputeNormsAndUpProjections?: boolean;
  /** The routing weight is applied inside the expert, so expert outputs are not stored. Default false. */
  routingWeightInExpert?: boolean;
}

export type ActivationPart = 'norms' | 'attention' | 'mlp' | 'moe' | 'layer input';

export interface ActivationTensor {
  name: string;
  part: ActivationPart;
  bytes: number;
}

/**
 * The tensors one layer keeps for its backward pass, per GPU, per micro-batch.
 *
 * MoE layers: the routed tokens on one GPU are s·b·tokensFactor·etp/t.
 * Each of the t TP ranks owns s·b/t of the tokens for the MoE block
 * (Megatron-Core requires sequence parallelism with MoE and TP; without it we
 * assume the dispatcher splits the duplicated tokens the same way); the etp
 * ranks of an expert-tensor-parallel group all-gather theirs and each runs
 * f_e/etp of every expert's hidden; the EP all-to-all preserves the count on
 * average (imbalance enters through tokensFactor). Stored per routed token:
 * the expert input (h), the hidden tensors (f_e/etp each), and the expert
 * output (h), which the combine multiplies by the routing probability.
 */
export function activationTensorsPerLayer(
  model: ModelSpec,
  layer: number,
  opts: ActivationOptions,
): ActivationTensor[] {
  const beta = opts.bytesPerElement ?? 2;
  const dropout = opts.dropout ?? true;
  const { s, b, t } = opts;
  const h = model.hidden;
  const sb = s * b;
  // Tensors outside the TP regions are split only by sequence parallelism.
  const sp = opts.sequenceParallel ? t : 1;
  const out: ActivationTensor[] = [];
  const add = (name: string, part: ActivationPart, bytes: number) => {
    if (bytes > 0) out.push({ name, part, bytes });
  };

  if (opts.recompute === 'full') {
    add('layer input (checkpoint)', 'layer input', (beta * sb * h) / sp);
    return out;
  }

  add('attention norm input', 'norms', (beta * sb * h) / sp);
  add('FFN norm input', 'norms', (beta * sb * h) / sp);

  attentionTensors(model, opts, beta, dropout, sp).forEach((x) => add(x.name, 'attention', x.bytes));

  if (model.moe !== null && isMoeLayer(model, layer)) {
    moeTensors(model, model.moe, opts, beta, dropout, sp).forEach((x) => add(x.name, 'moe', x.bytes));
  } else {
    ffnTensors(model.ffnHidden, model, opts, beta, dropout, sp, true).forEach((x) => add(x.name, 'mlp', x.bytes));
  }
  return out;
}

type Named = { name: string; bytes: number };

function attentionTensors(
  model: ModelSpec,
  opts: ActivationOptions,
  beta: number,
  dropout: boolean,
  sp: number,
): Named[] {
  const { s, b, t } = opts;
  const gi = opts.gemmInputBytes ?? beta;
  const h = model.hidden;
  const a = model.heads;
  const sb = s * b;
  // Norm outputs are recomputed from the norm inputs (DeepSeek-V3 3.2.3).
  const normOut = opts.recomputeNormsAndUpProjections ? 0 : 1;
  const list: Named[] = [];
  let qDim: number; // per token, all heads
  let kDim: number;
  let vDim: number;
  let contextDim: number; // output-projection input
  const mla = model.mla;
  if (mla === null) {
    list.push({ name: 'QKV projection input', bytes: (normOut * gi * sb * h) / sp });
    qDim = a * model.headDim;
    // GQA: K and V have a_kv heads; with fewer KV heads than TP ranks each rank keeps one (replicated).
    const kvShare = Math.max(model.kvHeads / t, Math.min(1, a / t)) * t;
    kDim = kvShare * model.headDim;
    vDim = kDim;
    contextDim = a * model.headDim;
  } else {
    // MLA (DeepSeek-V2): latents are computed per sequence shard, outside the TP region.
    list.push({ name: 'attention input (down-projections)', bytes: (normOut * gi * sb * h) / sp });
    if (mla.qLoraRank > 0) {
      list.push({ name: 'query latent (norm input)', bytes: (beta * sb * mla.qLoraRank) / sp });
      list.push({ name: 'query latent (up-projection input)', bytes: (normOut * gi * sb * mla.qLoraRank) / sp });
    }
    list.push({ name: 'key/value latent (norm input)', bytes: (beta * sb * mla.kvLoraRank) / sp });
    list.push({ name: 'key/value latent (up-projection input)', bytes: (normOut * gi * sb * mla.kvLoraRank) / sp });
    qDim = a * (mla.qkNopeHeadDim + mla.qkRopeHeadDim);
    kDim = qDim;
    vDim = a * mla.vHeadDim;
    contextDim = a * mla.vHeadDim;
  }
  // Selective recompute rebuilds an MLA model's Q, K and V from the latents (mla_up_proj).
  const upProjectionsRecomputed = opts.recompute === 'selective' || opts.recomputeNormsAndUpProjections === true;
  if (!(mla !== null && upProjectionsRecomputed)) {
    list.push({ name: 'Q (for QKᵀ)', bytes: (beta * sb * qDim) / t });
    list.push({ name: 'K (for QKᵀ)', bytes: (beta * sb * kDim) / t });
    list.push({ name: 'V (for the product with V)', bytes: (beta * sb * vDim) / t });
  }
  if (opts.recompute === 'none') {
    const scores = (a * s * s * b) / t; // elements of the s×s matrices on one GPU
    if (opts.flashAttention) {
      // FlashAttention keeps no s×s tensor, only the fp32 logsumexp per row and head.
      list.push({ name: 'softmax statistics (FlashAttention, fp32)', bytes: (4 * a * s * b) / t });
    } else {
      list.push({ name: 'softmax output', bytes: beta * scores });
      if (dropout) {
        list.push({ name: 'attention dropout mask', bytes: scores });
        list.push({ name: 'attention dropout output', bytes: beta * scores });
      }
    }
  }
  list.push({ name: 'output-projection input', bytes: (gi * sb * contextDim) / t });
  if (dropout) list.push({ name: 'attention output dropout mask', bytes: (sb * h) / sp });
  return list;
}

/** A dense FFN of hidden f, TP-split by t (also used for shared experts). */
function ffnTensors(
  f: number,
  model: ModelSpec,
  opts: ActivationOptions,
  beta: number,
  dropout: boolean,
  sp: number,
  withInputAndMask: boolean,
): Named[] {
  const sb = opts.s * opts.b;
  const h = model.hidden;
  const gi = opts.gemmInputBytes ?? beta;
  const hidden = ((opts.activationInputBytes ?? beta) * sb * f) / opts.t;
  const downInput = (gi * sb * f) / opts.t;
  const list: Named[] = [];
  // The FFN input is the FFN norm's output (DeepSeek-V3 3.2.3 recomputes it).
  const normOut = opts.recomputeNormsAndUpProjections ? 0 : 1;
  if (withInputAndMask) list.push({ name: 'FFN input', bytes: (normOut * gi * sb * h) / sp });
  if (model.gatedFfn) {
    list.push({ name: 'FFN gate projection output', bytes: hidden });
    list.push({ name: 'FFN up projection output', bytes: hidden });
    list.push({ name: 'FFN gated product (down-projection input)', bytes: downInput });
  } else {
    list.push({ name: 'FFN first linear output (activation input)', bytes: hidden });
    list.push({ name: 'FFN activation output (second linear input)', bytes: downInput });
  }
  if (withInputAndMask && dropout) list.push({ name: 'FFN dropout mask', bytes: (sb * h) / sp });
  return list;
}

function moeTensors(
  model: ModelSpec,
  moe: MoeSpec,
  opts: ActivationOptions,
  beta: number,
  dropout: boolean,
  sp: number,
): Named[] {
  const { s, b, t } = opts;
  const h = model.hidden;
  const sb = s * b;
  const tokensFactor = opts.moe?.tokensFactor ?? moe.topK;
  const etp = opts.moe?.etp ?? t;
  const routed = (sb * tokensFactor * etp) / t; // routed tokens on this GPU
  const gi = opts.gemmInputBytes ?? beta;
  const expertHidden = (beta * routed * moe.expertHidden) / etp;
  const actInput = ((opts.activationInputBytes ?? beta) * routed * moe.expertHidden) / etp;
  // On MoE layers "selective" also recomputes the pre-MoE norm and the expert
  // activation function, as Megatron-Core's MoE recipes do
  // (--recompute-modules layernorm moe_act): both are cheap to redo and large to keep.
  const selective = opts.recompute === 'selective';
  const list: Named[] = [
    {
      name: 'FFN input (router, dispatch, shared experts)',
      bytes: selective || opts.recomputeNormsAndUpProjections ? 0 : (beta * sb * h) / sp,
    },
    { name: 'router logits', bytes: (beta * sb * moe.experts) / sp },
    { name: 'expert inputs (dispatched tokens)', bytes: gi * routed * h },
  ];
  const hiddenTensors = model.gatedFfn
    ? ['gate projection output', 'up projection output', 'gated product']
    : ['first linear output', 'activation output'];
  for (const n of hiddenTensors) {
    const recomputed = selective && (n === 'gated product' || n === 'activation output');
    const isDownInput = n === 'gated product' || n === 'activation output';
    if (!recomputed) list.push({ name: `expert ${n}`, bytes: isDownInput ? (gi * expertHidden) / beta : actInput });
  }
  if (!opts.routingWeightInExpert)
    list.push({ name: 'expert outputs (for the routing-weight product)', bytes: beta * routed * h });
  if (moe.sharedExperts > 0) {
    const shared = ffnTensors(moe.sharedExperts * moe.sharedExpertHidden, model, opts, beta, dropout, sp, false);
    for (const x of shared) list.push({ name: `shared expert: ${x.name}`, bytes: x.bytes });
  }
  if (dropout) list.push({ name: 'FFN dropout mask', bytes: (sb * h) / sp });
  return list;
}

/** Activation bytes of one layer on one GPU per micro-batch: the sum of activationTensorsPerLayer. */
export function activationBytesPerLayer(model: ModelSpec, layer: number, opts: ActivationOptions): number {
  return activationTensorsPerLayer(model, layer, opts).reduce((sum, x) => sum + x.bytes, 0);
}

export interface OutputLayerInput {
  s: number;
  b: number;
  h: number;
  V: number;
  t: number;
  sequenceParallel: boolean;
  bytesPerElement?: number;
}

/**
 * The last pipeline stage's final norm and output layer, per micro-batch, on
 * one GPU (Korthikanti et al. 2022, section 4.3; Megatron-LM
 * theoretical_memory_usage.py: 4·sbh·(1 + V/h)/t with SP):
 * final-norm input β·sbh and output-layer input β·sbh (each ÷t with SP),
 * plus the logits in fp32 for the cross-entropy, 4·sbV/t (the vocabulary is
 * split over TP, and Megatron's vocab-parallel cross-entropy keeps its
 * softmax in fp32 for the backward). Assumption: the 16-bit logits are freed
 * once the fp32 copy exists, so they are not counted.
 */
export function outputLayerActivationBytes({
  s,
  b,
  h,
  V,
  t,
  sequenceParallel,
  bytesPerElement,
}: OutputLayerInput): number {
  const beta = bytesPerElement ?? 2;
  const sp = sequenceParallel ? t : 1;
  return (2 * beta * s * b * h) / sp + (4 * s * b * V) / t;
}

export interface InputLayerInput {
  s: number;
  b: number;
  h: number;
  t: number;
  sequenceParallel: boolean;
  dropout?: boolean;
}

/**
 * The first stage's embedding, per micro-batch, on one GPU (Korthikanti et
 * al. 2022, section 4.3; Megatron theoretical_memory_usage.py): the int64
 * token ids 8·sb (held by every TP rank; Megatron divides them by t too, a
 * negligible difference) and the embedding dropout mask sbh (÷t with SP).
 */
export function inputLayerActivationBytes({ s, b, h, t, sequenceParallel, dropout }: InputLayerInput): number {
  const sp = sequenceParallel ? t : 1;
  return 8 * s * b + ((dropout ?? true) ? (s * b * h) / sp : 0);
}
