/**
 * Memory per GPU (cost-model.md §3): the peak stage's parts added up, each
 * named with what sizes it; and the share of capacity the memory target checks.
 */
import type { Evaluation } from '../evaluation';
import { OPTIMIZER_NAME, OPTIMIZER_STATE } from '../physics/optimizerState';
import { bytesPerParam } from '../physics/paramBytes';
import { bytesPerElement } from '../physics/precision';
import { tensorPrecisions } from '../physics/tensorPrecision';
import { GPU_MEMORY_GB_BYTES } from '../physics/units';
import { derive, sumOfParts, zeroNote } from './derive';
import { sig4 } from './quantity';
import { SOURCES } from './sources';
import type { Derivation, Term } from './types';

/** "a, b and c". */
function listOf(items: readonly string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}` : (items[0] ?? '');
}

function parts(e: Evaluation): Term[] {
  const { workload: w, parallel: p } = e.scenario;
  const stage = e.memory.perStage[e.memory.peakStage];
  const b = e.memory.breakdown;
  const training = w.mode === 'training';
  const params = stage?.params ? stage.params.dense + stage.params.expert : null;
  const perParam = (bytes: number) =>
    params && params > 0 ? ` = ${sig4(params)} parameters × ${sig4(bytes / params)} bytes` : '';
  const zero = training ? w.zeroStage : 0;
  // The sentences read the bytes from the table memory itself uses, so they follow the optimizer and precision.
  const bytes = bytesPerParam(w);
  const precision = tensorPrecisions(w);
  const state = OPTIMIZER_STATE[w.optimizer];
  // The master weights come first in OPTIMIZER_STATE; the moments may be kept narrower (bf16OptimizerMoments).
  const master = bytesPerElement(precision.optimizerState);
  const moment = bytesPerElement(precision.optimizerMoments);
  const stateText =
    moment === master
      ? `${listOf(state)} in ${precision.optimizerState} (${state.length} × ${master} = ${bytes.optimizer} bytes per parameter)`
      : `${state[0]} in ${precision.optimizerState}, ${listOf(state.slice(1))} in ${precision.optimizerMoments} (${master} + ${state.length - 1} × ${moment} = ${bytes.optimizer} bytes per parameter)`;
  const savings = [
    w.recomputeNormsAndUpProjections ? 'norm outputs recomputed' : null,
    w.routingWeightInExpert && e.scenario.model.moe
      ? 'no expert outputs kept (routing weight inside the expert)'
      : null,
  ].filter((x): x is string => x !== null);
  return [
    {
      symbol: 'M_weights',
      value: b.weights,
      unit: 'bytes',
      meaning: `Weights of this stage’s layers on one GPU: non-expert parameters / TP, experts / (EP × ETP)${zero === 3 ? ', sharded over DP by ZeRO-3' : perParam(b.weights)}.`,
    },
    {
      symbol: 'M_grads',
      value: b.gradients,
      unit: 'bytes',
      meaning: `Gradients${w.fp32MainGrads ? ' kept in fp32 (Megatron’s main gradients' : ` (${precision.gradients}`}, ${bytes.gradients} bytes per parameter)${zero >= 2 ? ', sharded over DP by ZeRO-2' : ''}.`,
    },
    {
      symbol: 'M_optimizer',
      value: b.optimizer,
      unit: 'bytes',
      meaning: `Optimizer state of ${OPTIMIZER_NAME[w.optimizer]}: ${stateText}${zero >= 1 ? ', sharded over the data-parallel group by ZeRO-1' : ''}.`,
    },
    {
      symbol: 'M_activations',
      value: b.activations,
      unit: 'bytes',
      meaning: training
        ? `Stored activations: ${stage?.inFlightMicroBatches ?? '?'} micro-batch(es) in flight × ${stage?.layers ?? '?'} layers × bytes per layer (sbh(34 + 5as/h) and its TP / SP / recompute forms, recompute “${w.recompute}”${savings.length > 0 ? `; ${listOf(savings)}` : ''}), plus the output layer’s logits.`
        : 'Working activations of the largest layer (serving frees each layer’s after the next ran), plus the logits.',
    },
    {
      symbol: 'M_KV',
      value: b.kvCache,
      unit: 'bytes',
      meaning: `KV cache: 2 (K and V) × KV heads / TP × head dim × layers on the stage × tokens × sequences per replica (${w.globalBatch / p.dp}) × bytes per element (MLA caches its latent).`,
    },
    {
      symbol: 'M_reserve',
      value: b.buffers,
      unit: 'bytes',
      meaning: 'Fixed reserve for the CUDA context, NCCL buffers and fragmentation (hardware.runtimeReserveGB).',
    },
  ];
}

const SOURCE_LIST = [SOURCES.costModel('§3 (memory per GPU)'), SOURCES.zero, SOURCES.korthikanti];

export function explainMemory(e: Evaluation): Derivation {
  const { expr, terms, zero } = sumOfParts(parts(e));
  const stage = e.memory.peakStage;
  return derive({
    id: 'memory',
    title: 'Peak memory per GPU',
    symbol: 'M_peak',
    expr,
    terms,
    unit: 'bytes',
    source: SOURCE_LIST,
    notes: [
      `A GPU of pipeline stage ${stage} holds the most (${e.memory.perStage.length > 1 ? 'each stage is summed this way; the largest is shown' : 'there is one stage'}).`,
      ...zeroNote(zero, 'Zero here'),
    ],
  });
}

export function explainMemoryPct(e: Evaluation): Derivation {
  return derive({
    id: 'memoryPct',
    title: 'Memory (share of capacity)',
    symbol: 'M_share',
    expr: '100 · M_peak / C',
    terms: [
      {
        symbol: 'M_peak',
        value: e.memory.peakBytes,
        unit: 'bytes',
        meaning: 'Peak memory per GPU (its own derivation: open "Peak memory").',
      },
      {
        symbol: 'C',
        value: e.memory.capacityBytes,
        unit: 'bytes',
        meaning: `Memory of one GPU: ${e.scenario.hardware.memoryGB} GB (binary GB, ${GPU_MEMORY_GB_BYTES.toLocaleString('en-US')} bytes each).`,
      },
    ],
    unit: '%',
    source: SOURCE_LIST,
    notes: ['Above 100% the GPU runs out of memory and the strategy cannot run.'],
  });
}

export function explainParams(e: Evaluation): Derivation {
  const b = e.params.breakdown;
  const all: Term[] = [
    { symbol: 'Ψ_embedding', value: b.embedding, unit: 'params', meaning: 'Input embedding: V × h.' },
    {
      symbol: 'Ψ_head',
      value: b.outputHead,
      unit: 'params',
      meaning: 'Output head: V × h (0 when tied to the embedding).',
    },
    {
      symbol: 'Ψ_attention',
      value: b.attention,
      unit: 'params',
      meaning: 'Attention projections over all layers: h·d_h·(2a + 2a_kv) per layer (MLA: its own projections).',
    },
    { symbol: 'Ψ_FFN', value: b.denseFfn, unit: 'params', meaning: 'Dense FFN layers: g·h·f each (g = 3 when gated).' },
    {
      symbol: 'Ψ_experts',
      value: b.routedExperts,
      unit: 'params',
      meaning: 'Routed experts: E × g·h·f_e per MoE layer.',
    },
    { symbol: 'Ψ_shared', value: b.sharedExperts, unit: 'params', meaning: 'Shared experts, run for every token.' },
    { symbol: 'Ψ_router', value: b.router, unit: 'params', meaning: 'Router: h × E per MoE layer.' },
    { symbol: 'Ψ_norms', value: b.norms, unit: 'params', meaning: 'Norms: 2h per layer plus the final h.' },
  ];
  const { expr, terms, zero } = sumOfParts(all);
  return derive({
    id: 'params',
    title: 'Parameters (total)',
    symbol: 'Ψ',
    expr,
    terms,
    unit: 'params',
    source: [SOURCES.costModel('§1 (parameters, exact arithmetic)')],
    notes: [
      `Active per token: ${e.params.active.toLocaleString('en-US')} (top-k routed experts plus shared experts, embeddings counted).`,
      ...zeroNote(zero, 'None in this model'),
    ],
  });
}
