/**
 * Published training measurements (../shared/fixtures/measured-training.json)
 * turned into scenarios, so the evaluator's predictions can be set against
 * what was measured. Pure: the caller reads the fixture file.
 *
 * Settings the rows leave implicit are taken from the software each ran on:
 * - Megatron-LM 2021 (Narayanan et al., Table 1): GPT with tied embeddings and
 *   dropout, no FlashAttention or sequence parallelism (both came in 2022),
 *   no distributed optimizer, gradient all-reduce after the backward.
 * - Megatron-Core MoE model zoo (2025): FlashAttention, sequence parallelism,
 *   distributed optimizer (ZeRO-1), overlapped gradient reduction, no dropout.
 */
import { MODEL_PRESETS } from '../core';
import type { Evaluation } from '../core';
import { NO_TARGETS } from '../presets/targets';
import type { CalibrationRow } from './rows';
import { trainingClasses, trainingWorkloadOf } from './trainingRows';

export interface MeasuredRow {
  id: string;
  gpu: string;
  gpus: number;
  gpusPerNode: number;
  precision: 'fp16' | 'bf16' | 'fp8';
  model: Record<string, unknown> & { name?: string };
  seqLen: number;
  tp: number;
  pp: number;
  dp: number;
  ep?: number;
  globalBatch: number;
  microBatchSize: number;
  virtualStages: number;
  recompute: 'none' | 'selective' | 'full';
  routing?: string;
  measured: { tflopsPerGpu: number; kind: 'model' | 'hardware'; stepSeconds?: number; note?: string };
}

/** Which FLOP count a row's TFLOP/s uses. */
export type FlopConvention = 'hardware' | 'model' | 'modelCausal';

export function flopConvention(row: MeasuredRow): FlopConvention {
  if (row.measured.kind === 'hardware') return 'hardware';
  // Megatron-Core logs num_floating_point_operations: causal half of the attention core.
  return row.id.startsWith('mcore-') ? 'modelCausal' : 'model';
}

function modelOf(row: MeasuredRow): Record<string, unknown> {
  const m = row.model;
  const preset = MODEL_PRESETS.find((p) => p.spec.name === m.name || p.id === m.name);
  if (m.moe || m.kvHeads) {
    // A MoE row given by its dimensions.
    const { name, moe, ...dims } = m;
    const base = preset ? { preset: preset.id } : {};
    return {
      ...base,
      name,
      ...dims,
      ...(moe ? { moe: { ...(moe as object), sharedExperts: 0, denseLayers: 0 } } : {}),
      ffnHidden: (moe as { expertHidden?: number } | undefined)?.expertHidden ?? dims.ffnHidden,
    };
  }
  if (preset && !m.layers) return { preset: preset.id };
  // A dense GPT of Megatron's Table 1.
  const hidden = m.hidden as number;
  const heads = m.heads as number;
  return {
    name: `GPT ${row.id}`,
    layers: m.layers,
    hidden,
    heads,
    kvHeads: heads,
    headDim: hidden / heads,
    ffnHidden: m.ffnHidden,
    vocab: m.vocab,
    gatedFfn: false,
    tiedEmbeddings: true,
    moe: null,
    statedParams: null,
  };
}

export function scenarioOfRow(row: MeasuredRow): Record<string, unknown> {
  const mcore = row.id.startsWith('mcore-');
  const v = row.virtualStages;
  return {
    model: modelOf(row),
    hardware: { gpu: row.gpu, count: row.gpus, gpusPerNode: row.gpusPerNode },
    workload: {
      ...trainingWorkloadOf(row),
      zeroStage: mcore ? 1 : 0,
      sequenceParallel: mcore,
      flashAttention: mcore,
      dropout: !mcore,
    },
    parallel: {
      tp: row.tp,
      pp: row.pp,
      dp: row.dp,
      ep: row.ep ?? 1,
      etp: 1,
      virtualStages: v,
      schedule: v > 1 ? 'interleaved-1f1b' : '1f1b',
      capacityFactor: row.routing === 'dropless' ? null : 1,
      overlap: { dpGrad: mcore, tpComm: false, epComm: false },
      // Megatron-MoE-ModelZoo's Qwen3 table names the dispatcher: DeepEP (node-level deduplication).
      epNodeDedup: row.id === 'mcore-qwen3-235b',
    },
    claims: null,
    targets: { ...NO_TARGETS },
  };
}

/** FLOPs of one step under the row's convention. */
function flopsOf(e: Evaluation, convention: FlopConvention): number {
  return convention === 'hardware'
    ? e.flops.hardwarePerStep
    : convention === 'modelCausal'
      ? e.flops.modelPerStepCausal
      : e.flops.modelPerStep;
}

const COARSE = new Set(['Mixtral 8x22B']);

export function measuredRows(rows: MeasuredRow[], sources: Record<string, string>): CalibrationRow[] {
  return rows.map((row) => {
    const convention = flopConvention(row);
    const isMoe = !!row.model.moe || COARSE.has(row.model.name ?? '');
    const granularity = isMoe ? (COARSE.has(row.model.name ?? '') ? 'moe-coarse' : 'moe-fine') : null;
    const source =
      Object.entries(sources).find(([k]) =>
        k.endsWith('*') ? row.id.startsWith(k.slice(0, -1)) : k === row.id,
      )?.[1] ?? '';
    return {
      id: row.id,
      classes: trainingClasses(isMoe, granularity, row.precision, row.gpu),
      source,
      scenario: scenarioOfRow(row),
      measured: row.measured.tflopsPerGpu,
      unit: `TFLOP/s (${convention})`,
      kind: 'rate' as const,
      predict: (e: Evaluation) => flopsOf(e, convention) / e.time.stepSeconds / row.gpus / 1e12,
    };
  });
}
