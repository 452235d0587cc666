/**
 * The seed scenario: what `{}` means (scenario-format.md, "The seed scenario").
 * It is the "after" strategy of the seed document "Optimized Parallel Strategy
 * for 30B MoE Model", run as inference prefill. Where the document is silent
 * (vocabulary, interconnect, sequence length, runtime reserve) the value is an
 * assumption that the parser lists.
 */
import type { Scenario } from './types';

/** Freeze all the way down, so a consumer that edits the defaults in place fails loudly instead of changing every later parse. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

export const DEFAULT_SCENARIO: Scenario = deepFreeze<Scenario>({
  version: 1,
  model: {
    preset: null,
    name: 'Seed MoE (stated 30B)',
    layers: 16,
    hidden: 1024,
    heads: 16,
    kvHeads: 16,
    headDim: 64,
    ffnHidden: 4096,
    gatedFfn: false,
    vocab: 32000,
    tiedEmbeddings: false,
    moe: { experts: 64, topK: 1, expertHidden: 2048, sharedExperts: 0, sharedExpertHidden: 2048, denseLayers: 0, layerFrequency: 1 },
    mla: null,
    statedParams: 30e9,
  },
  hardware: {
    gpu: 'seed-gpu',
    count: 16,
    gpusPerNode: 8,
    peakTflops: 400,
    computeEfficiency: 0.6,
    memoryGB: 64,
    memoryBandwidthTBps: 1.8,
    memoryBandwidthEfficiency: 0.8,
    intraNodeGBps: 200,
    interNodeGBps: 25,
    linkLatencyUs: 5,
    runtimeReserveGB: 2,
  },
  workload: {
    mode: 'inference',
    phase: 'prefill',
    globalBatch: 128,
    seqLen: 2048,
    seqLenRange: { min: 128, max: 10240 },
    decodeTokens: 128,
    microBatches: 8,
    precision: 'fp16',
    optimizer: 'adam',
    zeroStage: 1,
    fp32MainGrads: true,
    recompute: 'selective',
    sequenceParallel: true,
    flashAttention: true,
    dropout: false,
    fp8Attention: false,
    fp8ActivationCache: false,
    cudaGraphs: false,
    denseExperts: false,
    weightPrecision: null,
    expertWeightPrecision: null,
    kvCachePrecision: null,
  },
  parallel: {
    tp: 4,
    pp: 4,
    dp: 2,
    ep: 16,
    etp: 1,
    virtualStages: 1,
    schedule: '1f1b',
    capacityFactor: 1.1,
    routing: { distribution: 'zipf', skew: 0, seed: 1 },
    overlap: { dpGrad: true, tpComm: false, epComm: false },
    rankOrder: 'tp-ep-dp-pp',
    epFp8Dispatch: false,
    epNodeDedup: false,
  },
  claims: null,
  targets: {
    latencyMs: 50,
    commOverheadPct: 20,
    loadBalancePct: 90,
    gpuUtilizationPct: 90,
    throughputTokensPerSec: 20000,
    memoryPct: 100,
  },
});
