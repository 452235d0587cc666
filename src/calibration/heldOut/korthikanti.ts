/**
 * A check on runs kept apart (issue 14): Korthikanti et al. 2022, "Reducing
 * Activation Recomputation in Large Transformer Models", Table 5, the
 * end-to-end iteration times of four GPTs on A100 80GB, with full recompute
 * and with the paper's own method (sequence parallelism + selective
 * recompute). These eight rows are NOT calibration rows: no constant is ever
 * set from them; they only measure how far the physics is from a published run.
 *
 * Configurations from the paper's Table 3 (heads, hidden, layers, TP, PP,
 * GPUs, global batch, sequence 2048, micro-batch 1 except 4 for 22B; the
 * interleaved schedule with 3 virtual stages for 175B and 530B), as Calculon
 * encodes them for its own validation of the same table (calculon-ai/calculon,
 * models/*.json and validation/seqsel/tab5/*.json). Software as in
 * Megatron-LM of 2022: FP16, GPT with tied embeddings (vocabulary 51,200) and
 * dropout, no FlashAttention, no distributed optimizer; DP is 1, so no
 * gradient reduction is exchanged.
 *
 * Print it: `npx tsx src/calibration/heldOut/korthikanti.ts`.
 */
import { evaluate } from '../../core';
import { NO_TARGETS } from '../../presets/targets';

export interface KorthikantiRow {
  id: string;
  layers: number;
  hidden: number;
  heads: number;
  tp: number;
  pp: number;
  gpus: number;
  globalBatch: number;
  microBatchSize: number;
  virtualStages: number;
  /** 'full': full recompute, no SP; 'sp-selective': the paper's "present work". */
  method: 'full' | 'sp-selective';
  /** Table 5, seconds per iteration. */
  publishedSeconds: number;
}

const MODELS = [
  {
    name: '22B',
    layers: 48,
    hidden: 6144,
    heads: 64,
    tp: 8,
    pp: 1,
    gpus: 8,
    globalBatch: 4,
    microBatchSize: 4,
    virtualStages: 1,
    full: 1.42,
    sel: 1.1,
  },
  {
    name: '175B',
    layers: 96,
    hidden: 12288,
    heads: 96,
    tp: 8,
    pp: 8,
    gpus: 64,
    globalBatch: 64,
    microBatchSize: 1,
    virtualStages: 3,
    full: 18.13,
    sel: 13.75,
  },
  {
    name: '530B',
    layers: 105,
    hidden: 20480,
    heads: 128,
    tp: 8,
    pp: 35,
    gpus: 280,
    globalBatch: 280,
    microBatchSize: 1,
    virtualStages: 3,
    full: 49.05,
    sel: 37.83,
  },
  {
    name: '1T',
    layers: 128,
    hidden: 25600,
    heads: 160,
    tp: 8,
    pp: 64,
    gpus: 512,
    globalBatch: 512,
    microBatchSize: 1,
    virtualStages: 1,
    full: 94.42,
    sel: 71.49,
  },
];

export const KORTHIKANTI_TABLE5: readonly KorthikantiRow[] = MODELS.flatMap(({ name, full, sel, ...c }) =>
  (['full', 'sp-selective'] as const).map((method) => ({
    id: `korthikanti-${name}-${method}`,
    ...c,
    method,
    publishedSeconds: method === 'full' ? full : sel,
  })),
);

export function scenarioOfKorthikantiRow(r: KorthikantiRow): Record<string, unknown> {
  const dp = r.gpus / (r.tp * r.pp);
  const sp = r.method === 'sp-selective';
  return {
    model: {
      name: `GPT ${r.id}`,
      layers: r.layers,
      hidden: r.hidden,
      heads: r.heads,
      kvHeads: r.heads,
      headDim: r.hidden / r.heads,
      ffnHidden: 4 * r.hidden,
      vocab: 51200,
      gatedFfn: false,
      tiedEmbeddings: true,
      moe: null,
      statedParams: null,
    },
    hardware: { gpu: 'a100-80gb', count: r.gpus, gpusPerNode: 8 },
    workload: {
      mode: 'training',
      precision: 'fp16',
      globalBatch: r.globalBatch,
      seqLen: 2048,
      seqLenRange: null,
      microBatches: r.globalBatch / (dp * r.microBatchSize),
      recompute: sp ? 'selective' : 'full',
      sequenceParallel: sp,
      flashAttention: false,
      dropout: true,
      zeroStage: 0,
    },
    parallel: {
      tp: r.tp,
      pp: r.pp,
      dp,
      ep: 1,
      virtualStages: r.virtualStages,
      schedule: r.virtualStages > 1 ? 'interleaved-1f1b' : '1f1b',
      overlap: { dpGrad: false, tpComm: false, epComm: false },
    },
    claims: null,
    targets: { ...NO_TARGETS },
  };
}

export interface KorthikantiResult {
  row: KorthikantiRow;
  predictedSeconds: number;
  /** Predicted over published, minus one: + means predicted slower. */
  error: number;
}

export function korthikantiCheck(): { results: KorthikantiResult[]; meanAbsError: number; worstAbsError: number } {
  const results = KORTHIKANTI_TABLE5.map((row) => {
    const predictedSeconds = evaluate(scenarioOfKorthikantiRow(row)).time.stepSeconds;
    return { row, predictedSeconds, error: predictedSeconds / row.publishedSeconds - 1 };
  });
  const abs = results.map((r) => Math.abs(r.error));
  return {
    results,
    meanAbsError: abs.reduce((a, b) => a + b, 0) / abs.length,
    worstAbsError: Math.max(...abs),
  };
}

/** The table as text: published and predicted seconds per row, then the mean and worst absolute error. */
export function formatKorthikantiCheck(c: ReturnType<typeof korthikantiCheck>): string {
  const pct = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}%`;
  const lines = c.results.map(
    (r) =>
      `${r.row.id.padEnd(32)} ${r.row.publishedSeconds.toFixed(2).padStart(8)} s ${r.predictedSeconds.toFixed(2).padStart(8)} s ${pct(r.error).padStart(7)}`,
  );
  return [
    `${'Korthikanti 2022 Table 5'.padEnd(32)} ${'published'.padStart(10)} ${'predicted'.padStart(10)}  error (+ = predicted slower)`,
    ...lines,
    `mean absolute error ${(100 * c.meanAbsError).toFixed(2)}%, worst ${(100 * c.worstAbsError).toFixed(2)}%`,
  ].join('\n');
}

if (typeof process !== 'undefined' && process.argv[1]?.endsWith('korthikanti.ts')) {
  console.log(formatKorthikantiCheck(korthikantiCheck()));
}
