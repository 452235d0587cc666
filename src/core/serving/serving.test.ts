/** Serving: storage formats, the KV cache, MLA's absorbed decode and the static-batch summary. */
import { describe, expect, it } from 'vitest';
import { evaluate, evaluateScenario, parseScenario } from '..';
import { decodeAttention, type AttentionShape } from '../compute/attention';
import { deviceOf } from '../compute/device';
import { storageBytes, storageFormats, MXFP4_BYTES } from '../physics/storage';
import { servingSummary, withPhase } from './summary';
import { droplessHostSync } from './hostSync';
import { DEFAULT_SCENARIO } from '../scenario/defaults';
import { MODEL_PRESETS } from '../catalog/models';

const deepseek = { ...MODEL_PRESETS.find((m) => m.id === 'deepseek-v3')!.spec, preset: 'deepseek-v3' };

/** Llama-2-7B (32 layers, 32 KV heads of 128) serving on one H100. */
function llama7b(workload: Record<string, unknown> = {}, parallel: Record<string, unknown> = {}) {
  return evaluate({
    model: {
      name: 'Llama-2-7B',
      layers: 32,
      hidden: 4096,
      heads: 32,
      kvHeads: 32,
      headDim: 128,
      ffnHidden: 11008,
      gatedFfn: true,
      vocab: 32000,
      moe: null,
      mla: null,
      statedParams: null,
    },
    hardware: { gpu: 'h100-sxm', count: 1 },
    // Serving engines replay decode steps from CUDA graphs.
    workload: {
      mode: 'inference',
      phase: 'decode',
      precision: 'bf16',
      globalBatch: 8,
      seqLen: 1024,
      seqLenRange: null,
      decodeTokens: 128,
      microBatches: 1,
      cudaGraphs: true,
      ...workload,
    },
    parallel: { tp: 1, pp: 1, dp: 1, ep: 1, ...parallel },
  });
}

describe('storage formats', () => {
  it('MXFP4 stores 4-bit elements plus one 8-bit scale per 32 (OCP MX v1.0): 4.25 bits', () => {
    expect(MXFP4_BYTES).toBe(0.53125);
    expect(storageBytes('fp4')).toBe(0.53125);
    expect(storageBytes('fp8')).toBe(1);
    expect(storageBytes('bf16')).toBe(2);
  });

  it('defaults keep the old behaviour: fp8 inference stores 8-bit weights and cache, 16-bit otherwise; training 16-bit', () => {
    const w = DEFAULT_SCENARIO.workload;
    expect(storageFormats({ ...w, precision: 'fp8' })).toEqual({ weightBytes: 1, expertWeightBytes: 1, kvBytes: 1 });
    expect(storageFormats({ ...w, precision: 'bf16' })).toEqual({ weightBytes: 2, expertWeightBytes: 2, kvBytes: 2 });
    expect(storageFormats({ ...w, mode: 'training', precision: 'fp8', weightPrecision: 'fp4' })).toEqual({
      weightBytes: 2,
      expertWeightBytes: 2,
      kvBytes: 2,
    });
  });

  it('each format can be set on its own; an fp4 weight format keeps an 8-bit cache by default', () => {
    const w = { ...DEFAULT_SCENARIO.workload, precision: 'bf16' as const };
    expect(storageFormats({ ...w, expertWeightPrecision: 'fp4' })).toEqual({
      weightBytes: 2,
      expertWeightBytes: MXFP4_BYTES,
      kvBytes: 2,
    });
    expect(storageFormats({ ...w, weightPrecision: 'fp4' }).kvBytes).toBe(1);
    expect(storageFormats({ ...w, kvCachePrecision: 'fp8' }).kvBytes).toBe(1);
  });

  it('training ignores the serving formats: its GEMMs read what the precision says', () => {
    const base = { mode: 'training', precision: 'fp8', globalBatch: 8 };
    const plain = llama7b(base);
    const stored = llama7b({ ...base, weightPrecision: 'fp4', kvCachePrecision: 'fp8' });
    expect(stored.time.stepSeconds).toBe(plain.time.stepSeconds);
    expect(stored.memory.peakBytes).toBe(plain.memory.peakBytes);
  });

  it('the parser accepts the new fields and refuses an fp4 KV cache', () => {
    expect(parseScenario({ workload: { weightPrecision: 'fp4', kvCachePrecision: 'fp8' } }).ok).toBe(true);
    expect(parseScenario({ workload: { kvCachePrecision: 'fp4' } }).ok).toBe(false);
    const d = parseScenario({});
    expect(d.ok && d.scenario.workload.kvCachePrecision).toBe(null);
  });

  it('gpt-oss-120b with MXFP4 experts holds about 4 bytes per 8 expert parameters less than fp8', () => {
    const serve = (expertWeightPrecision: string | null) =>
      evaluate({
        model: { preset: 'gpt-oss-120b' },
        hardware: { gpu: 'h100-sxm', count: 1 },
        workload: {
          mode: 'inference',
          phase: 'decode',
          precision: 'bf16',
          globalBatch: 1,
          seqLen: 1024,
          seqLenRange: null,
          decodeTokens: 16,
          microBatches: 1,
          expertWeightPrecision,
        },
        parallel: { tp: 1, pp: 1, dp: 1, ep: 1, capacityFactor: null },
      });
    const bf16 = serve(null);
    const fp4 = serve('fp4');
    const experts = bf16.params.breakdown.routedExperts;
    expect(bf16.memory.breakdown.weights - fp4.memory.breakdown.weights).toBeCloseTo(experts * (2 - MXFP4_BYTES), -3);
    // 117B parameters do not fit one 80 GB GPU in bf16; with MXFP4 experts they do (as OpenAI ships it).
    expect(bf16.serving!.fits).toBe(false);
    expect(fp4.serving!.fits).toBe(true);
  });
});

describe('KV cache (cost-model.md §3)', () => {
  it('is 2·L·a_kv·d_h·(s + decoded)·b bytes at the cache format', () => {
    const e = llama7b();
    expect(e.memory.breakdown.kvCache).toBe(2 * 32 * 32 * 128 * (1024 + 128) * 8 * 2);
    expect(llama7b({ kvCachePrecision: 'fp8' }).memory.breakdown.kvCache).toBe(e.memory.breakdown.kvCache / 2);
  });

  it('MLA caches its latent (kv_lora_rank + rope dims per token per layer), replicated on TP ranks', () => {
    const e = evaluate({
      model: { preset: 'deepseek-v3' },
      hardware: { gpu: 'h100-sxm', count: 16 },
      workload: {
        mode: 'inference',
        phase: 'decode',
        precision: 'fp8',
        kvCachePrecision: 'bf16',
        globalBatch: 64,
        seqLen: 2000,
        seqLenRange: null,
        decodeTokens: 48,
        microBatches: 1,
      },
      parallel: { tp: 2, pp: 1, dp: 8, ep: 16, capacityFactor: null },
    });
    expect(e.memory.breakdown.kvCache).toBe(61 * (512 + 64) * 2048 * (64 / 8) * 2);
  });
});

describe('decode attention', () => {
  const context = (model: typeof deepseek, kvCachePrecision: 'bf16' | 'fp8' | null = null): AttentionShape => {
    const w = { ...DEFAULT_SCENARIO.workload, precision: 'fp8' as const, kvCachePrecision };
    return {
      model,
      tokens: 1,
      context: 2000,
      microBatch: 256,
      tp: 1,
      flashAttention: true,
      device: deviceOf(
        { ...DEFAULT_SCENARIO.hardware, gpu: 'h100-sxm', peakTflops: 1979, memoryBandwidthTBps: 3.35 },
        'fp8',
        w,
        storageFormats(w),
      ),
    };
  };

  it('MLA absorbed: 2·(2·d_c + d_r) FLOPs per head per cached token, 3.4× the uncompressed count for DeepSeek-V3', () => {
    const t = decodeAttention(context(deepseek));
    expect(t.flops).toBe(256 * 128 * 2000 * 2 * (2 * 512 + 64));
    const uncompressed = 256 * 128 * 2000 * 2 * (128 + 64 + 128);
    expect(t.flops / uncompressed).toBeCloseTo(3.4, 1);
  });

  it('reads the latent cache once per step at the KV format', () => {
    expect(decodeAttention(context(deepseek, 'bf16')).bytes).toBe(256 * 2000 * (512 + 64) * 2);
    expect(decodeAttention(context(deepseek)).bytes).toBe(256 * 2000 * (512 + 64) * 1);
  });

  it('grouped-query attention reads 2·a_kv·d_h per cached token and does 4·d_h FLOPs per query head', () => {
    const gqa = { ...deepseek, mla: null, heads: 32, kvHeads: 8, headDim: 128 };
    const t = decodeAttention(context(gqa, 'bf16'));
    expect(t.bytes).toBe(256 * 2000 * 2 * 8 * 128 * 2);
    expect(t.flops).toBe(256 * 32 * 2000 * 4 * 128);
  });
});

describe('serving summary of a static batch', () => {
  it('end to end is TTFT + (decodeTokens − 1) × TPOT, and each throughput follows its definition', () => {
    const e = llama7b();
    const sv = e.serving!;
    const w = e.scenario.workload;
    expect(sv.endToEndSeconds).toBeCloseTo(sv.ttftSeconds + (w.decodeTokens - 1) * sv.tpotSeconds, 12);
    expect(sv.tpotSeconds).toBeCloseTo(e.latencySeconds / w.decodeTokens, 12);
    expect(sv.prefillTokensPerSec).toBeCloseTo((8 * 1024) / sv.ttftSeconds, 6);
    expect(sv.decodeTokensPerSec).toBeCloseTo(8 / sv.tpotSeconds, 6);
    expect(sv.outputTokensPerSec).toBeCloseTo((8 * 128) / sv.endToEndSeconds, 6);
    expect(sv.tokensPerSecPerUser).toBeCloseTo(1 / sv.tpotSeconds, 9);
  });

  it('is the same whichever phase the page shows', () => {
    const d = llama7b().serving!;
    const p = llama7b({ phase: 'prefill' }).serving!;
    expect(p.ttftSeconds).toBeCloseTo(d.ttftSeconds, 12);
    expect(p.tpotSeconds).toBeCloseTo(d.tpotSeconds, 12);
    expect(p.maxBatchByKv).toBe(d.maxBatchByKv);
  });

  it('TTFT is the prefill latency and TPOT grows with the prompt (the cache read grows)', () => {
    const short = llama7b({ seqLen: 512 }).serving!;
    const long = llama7b({ seqLen: 4096 }).serving!;
    expect(long.tpotSeconds).toBeGreaterThan(short.tpotSeconds);
    expect(llama7b({ phase: 'prefill' }).latencySeconds).toBe(llama7b().serving!.ttftSeconds);
  });

  it('decode of a small batch is bound by reading the weights: TPOT ≥ weight bytes / bandwidth', () => {
    const e = llama7b({ globalBatch: 1, seqLen: 16, decodeTokens: 2 });
    const bw = 3.35e12 * e.scenario.hardware.memoryBandwidthEfficiency;
    expect(e.serving!.tpotSeconds).toBeGreaterThan(e.memory.breakdown.weights / bw);
    expect(e.serving!.tpotSeconds).toBeLessThan((1.3 * (e.memory.breakdown.weights + e.memory.breakdown.kvCache)) / bw);
  });

  it('the KV-limited batch fills the memory left beside everything else, per data-parallel replica', () => {
    for (const dp of [1, 2]) {
      const e = llama7b({ globalBatch: 8 * dp }, { dp });
      const sv = e.serving!;
      const st = e.memory.perStage[0];
      const rest = st.totalBytes - st.breakdown.kvCache;
      const perGpu = sv.maxBatchByKv / dp;
      expect(Number.isInteger(perGpu)).toBe(true);
      expect(rest + perGpu * sv.kvBytesPerSequence).toBeLessThanOrEqual(e.memory.capacityBytes);
      expect(rest + (perGpu + 1) * sv.kvBytesPerSequence).toBeGreaterThan(e.memory.capacityBytes);
      expect(sv.kvBytesPerSequence).toBe(2 * 32 * 32 * 128 * (1024 + 128) * 2);
    }
  });

  it('an fp8 cache about doubles the KV-limited batch', () => {
    const bf16 = llama7b().serving!.maxBatchByKv;
    const fp8 = llama7b({ kvCachePrecision: 'fp8' }).serving!.maxBatchByKv;
    expect(fp8 / bf16).toBeGreaterThan(1.9);
    expect(fp8 / bf16).toBeLessThan(2.1);
  });

  it('warns when the shown prefill fits but the batch runs out of memory while decoding', () => {
    const e = llama7b({ phase: 'prefill', globalBatch: 64, seqLen: 4096, decodeTokens: 4096 });
    expect(e.serving!.fits).toBe(false);
    expect(e.violations.find((v) => v.code === 'SERVING_MEMORY')?.severity).toBe('warning');
    expect(llama7b().violations.some((v) => v.code === 'SERVING_MEMORY')).toBe(false);
  });

  it('is null in training, and a phase evaluator is called once, for the phase not shown', () => {
    expect(llama7b({ mode: 'training', globalBatch: 8 }).serving).toBeNull();
    const parsed = parseScenario({ workload: { mode: 'inference', phase: 'prefill', seqLenRange: null } });
    if (!parsed.ok) throw new Error('seed');
    const shown = evaluateScenario(parsed.scenario, [], { sweep: false, serving: false });
    const phases: string[] = [];
    servingSummary(shown, (v) => {
      phases.push(v.workload.phase);
      return evaluateScenario(v, [], { sweep: false, serving: false });
    });
    expect(phases).toEqual(['decode']);
    expect(withPhase(parsed.scenario, 'decode').workload.phase).toBe('decode');
  });
});

/** Mixtral 8x7B prefill on two H100 (TP 2, experts split over both), as TensorRT-LLM runs it. */
function mixtral(workload: Record<string, unknown> = {}, parallel: Record<string, unknown> = {}) {
  return evaluate({
    model: { preset: 'mixtral-8x7b' },
    hardware: { gpu: 'h100-sxm', count: 2 },
    workload: {
      mode: 'inference',
      phase: 'prefill',
      precision: 'fp8',
      globalBatch: 1,
      seqLen: 2048,
      seqLenRange: null,
      decodeTokens: 1,
      microBatches: 1,
      sequenceParallel: false,
      cudaGraphs: true,
      ...workload,
    },
    parallel: { tp: 2, pp: 1, dp: 1, ep: 1, etp: 2, capacityFactor: null, ...parallel },
  });
}
const block = (e: ReturnType<typeof evaluate>, name: string) => e.blocks.find((b) => b.name === name)!;

describe('every expert on every token (TensorRT-LLM plugin-free MoE)', () => {
  it('does E/k = 4× the routed expert FLOPs of Mixtral and permutes nothing', () => {
    const routed = mixtral();
    const dense = mixtral({ denseExperts: true });
    expect(block(dense, 'moeLayer.routedExperts').flops / block(routed, 'moeLayer.routedExperts').flops).toBeCloseTo(
      8 / 2,
      1,
    );
    // The weighted sum reads each expert's output and the sum, writes the sum: 3 × tokens × h × 2 bytes per expert.
    expect(block(dense, 'moeLayer.permute').bytes).toBe(3 * 2 * 2048 * 4096 * 8);
    expect(dense.serving!.ttftSeconds).toBeGreaterThan(2.5 * routed.serving!.ttftSeconds);
    // Reported model FLOPs still count the routed work.
    expect(dense.flops.modelPerStep).toBe(routed.flops.modelPerStep);
    expect(dense.assumptions.some((a) => a.includes('MoeOOTB'))).toBe(true);
  });

  it('with expert parallelism, every token of the group reaches every GPU: an all-to-all with k = EP', () => {
    const sparse = mixtral({ globalBatch: 4 }, { tp: 1, dp: 2, ep: 2, etp: 1 });
    const dense = mixtral({ globalBatch: 4, denseExperts: true }, { tp: 1, dp: 2, ep: 2, etp: 1 });
    // Mixtral's k = 2 equals EP 2: the same bytes cross the link (the sparse run adds its routing imbalance, under 1%).
    const ratio = dense.time.exposedCommSeconds.ep / sparse.time.exposedCommSeconds.ep;
    expect(ratio).toBeGreaterThan(0.99);
    expect(ratio).toBeLessThanOrEqual(1);
  });

  it("when the EP group cannot be formed, the dense work is the routed group's, so MFU stays under 100% (fuzz case 40,868)", () => {
    // EP 16 × ETP 5 = 80 GPUs per group, but a stage has TP × DP = 8: placement
    // shrinks the group while routing counts EP 16. With top-k = E the dense and
    // routed expert work are the same token–expert pairs, so the times match.
    const doc = (denseExperts: boolean) => ({
      workload: { globalBatch: 37, seqLenRange: { max: 10_000_000 }, denseExperts },
      parallel: { etp: 5, overlap: { tpComm: false, dpGrad: false } },
      hardware: { gpusPerNode: 51, peakTflops: 0.001 },
      model: { moe: { topK: 64 }, tiedEmbeddings: false },
    });
    const dense = evaluate(doc(true));
    const routed = evaluate(doc(false));
    expect(dense.feasible).toBe(false);
    expect(dense.violations.some((v) => v.code === 'EP_GROUP')).toBe(true);
    expect(dense.mfu).toBeLessThanOrEqual(1);
    expect(block(dense, 'moeLayer.routedExperts').flops).toBe(block(routed, 'moeLayer.routedExperts').flops);
  });
});

describe('token counts to the host (dropless routing)', () => {
  it('serving syncs only in expert-parallel prefill; training always; never with a capacity factor', () => {
    const s = (workload: Record<string, unknown>, parallel: Record<string, unknown>) => {
      const p = parseScenario({
        model: { preset: 'mixtral-8x7b' },
        hardware: { count: 8 },
        workload: { seqLenRange: null, microBatches: 1, globalBatch: 8, ...workload },
        parallel: { tp: 1, pp: 1, dp: 8, capacityFactor: null, ...parallel },
      });
      if (!p.ok) throw new Error(p.errors.map((x) => x.message).join());
      return p.scenario;
    };
    expect(droplessHostSync(s({ mode: 'training' }, { ep: 1 }))).toBe(true);
    expect(droplessHostSync(s({ mode: 'inference', phase: 'prefill' }, { ep: 8 }))).toBe(true);
    expect(droplessHostSync(s({ mode: 'inference', phase: 'prefill' }, { ep: 1 }))).toBe(false);
    expect(droplessHostSync(s({ mode: 'inference', phase: 'decode' }, { ep: 8 }))).toBe(false);
    expect(droplessHostSync(s({ mode: 'training' }, { ep: 8, capacityFactor: 1.25 }))).toBe(false);
  });

  it('a CUDA-graphed decode step of Mixtral pays no host time', () => {
    const e = mixtral({ phase: 'decode', globalBatch: 8, decodeTokens: 32 });
    expect(block(e, 'moeLayer.routedExperts')).toBeDefined();
    expect(e.blocks.find((b) => b.name === 'moeLayer.host')?.seconds ?? 0).toBe(0);
  });
});

describe('serving assumptions', () => {
  it('name the static batch, the stored formats and, for MLA, the absorbed decode, each with its source', () => {
    const e = evaluate({
      model: { preset: 'deepseek-v3' },
      hardware: { gpu: 'h100-sxm', count: 16 },
      workload: {
        mode: 'inference',
        phase: 'decode',
        precision: 'fp8',
        kvCachePrecision: 'bf16',
        globalBatch: 64,
        seqLen: 2000,
        seqLenRange: null,
        decodeTokens: 48,
        microBatches: 1,
      },
      parallel: { tp: 2, pp: 1, dp: 8, ep: 16, capacityFactor: null },
    });
    const text = e.assumptions.join('\n');
    expect(text).toContain('TTFT + (48 − 1) × TPOT');
    expect(text).toContain('weights 8-bit, routed experts 8-bit, KV cache 16-bit');
    expect(text).toContain('absorbed form (DeepSeek-V2 §2.1.3, FlashMLA)');
    expect(text).toContain('no token counts go to the host');
    expect(llama7b({ mode: 'training' }).assumptions.join('\n')).not.toContain('TPOT');
  });
});
