/** The framework's defaults for the engine switches: effective values per mode, GPU generation and precision, and the assumptions they add. */
import { describe, expect, it } from 'vitest';
import { evaluate, evaluateScenario } from '../evaluate/evaluate';
import { parseScenario } from './parse';
import { frameworkSwitches, withFrameworkDefaults } from './resolve-framework';
import type { Scenario } from './types';

function scenario(doc: unknown): Scenario {
  const r = parseScenario(doc);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.scenario;
}

/** A MoE model trained with EP 8 over two nodes, on the GPU and precision given. */
const moeTraining = (gpu: string, precision: string, extra: Record<string, unknown> = {}) =>
  scenario({
    model: { preset: 'qwen3-30b-a3b' },
    hardware: { gpu, count: 16 },
    workload: { mode: 'training', precision, globalBatch: 64, seqLen: 4096, microBatches: 4, ...extra },
    parallel: { tp: 2, pp: 1, dp: 8, ep: 8 },
  });

const defaultsLine = (a: string[], label: string) => a.find((x) => x.startsWith(`${label}:`) && /default of/.test(x));

describe('framework defaults', () => {
  it('auto in training is Megatron-Core: DeepEP dispatch on Hopper and Blackwell, 16-bit dispatch even in fp8, no TP/EP overlap, no CUDA graphs', () => {
    const fp8 = frameworkSwitches(moeTraining('h100-sxm', 'fp8'));
    expect(fp8.framework.id).toBe('megatron-core');
    expect(fp8.values).toEqual({
      cudaGraphs: false,
      epNodeDedup: true,
      epFp8Dispatch: false,
      tpCommOverlap: false,
      epCommOverlap: false,
    });
    expect(frameworkSwitches(moeTraining('b200', 'bf16')).values.epNodeDedup).toBe(true);
  });

  it('Ampere keeps the plain all-to-all (no DeepEP), even with Megatron-Core', () => {
    const v = frameworkSwitches(moeTraining('a100-80gb', 'bf16')).values;
    expect(v.epNodeDedup).toBe(false);
    expect(v.epFp8Dispatch).toBe(false);
  });

  it("NeMo turns on TP overlap (userbuffers) where TP > 1 with sequence parallelism; TorchTitan and eager PyTorch don't use DeepEP", () => {
    expect(frameworkSwitches(moeTraining('h100-sxm', 'fp8', { framework: 'nemo' })).values.tpCommOverlap).toBe(true);
    const noSp = moeTraining('h100-sxm', 'fp8', { framework: 'nemo', sequenceParallel: false });
    expect(frameworkSwitches(noSp).values.tpCommOverlap).toBe(false);
    for (const framework of ['torchtitan', 'pytorch-eager']) {
      const v = frameworkSwitches(moeTraining('h100-sxm', 'fp8', { framework })).values;
      expect([v.epNodeDedup, v.epFp8Dispatch, v.tpCommOverlap, v.cudaGraphs]).toEqual([false, false, false, false]);
    }
  });

  it('inference: every serving engine replays CUDA graphs in decode, none by default in prefill', () => {
    for (const framework of ['auto', 'vllm', 'sglang', 'tensorrt-llm']) {
      const decode = scenario({ workload: { mode: 'inference', phase: 'decode', framework } });
      const prefill = scenario({ workload: { mode: 'inference', phase: 'prefill', framework } });
      expect(frameworkSwitches(decode).values.cudaGraphs).toBe(true);
      expect(frameworkSwitches(prefill).values.cudaGraphs).toBe(false);
    }
    // MoE serving keeps the plain all-to-all unless the engine is told otherwise (vLLM/SGLang DeepEP backends are opt-in).
    expect(frameworkSwitches(scenario({ workload: { phase: 'decode' } })).values.epNodeDedup).toBe(false);
  });

  it('an explicit true or false wins over the default, and the scenario keeps its nulls', () => {
    const s = moeTraining('h100-sxm', 'fp8', { cudaGraphs: true });
    const off = scenario({
      ...{ model: { preset: 'qwen3-30b-a3b' }, hardware: { gpu: 'h100-sxm', count: 16 } },
      workload: { mode: 'training', precision: 'fp8', globalBatch: 64, microBatches: 4 },
      parallel: { tp: 2, pp: 1, dp: 8, ep: 8, epNodeDedup: false },
    });
    expect(frameworkSwitches(s).values.cudaGraphs).toBe(true);
    expect(frameworkSwitches(off).values.epNodeDedup).toBe(false);
    expect(off.parallel.epFp8Dispatch).toBeNull();
    const r = withFrameworkDefaults(off);
    expect(r.parallel.epNodeDedup).toBe(false);
    expect(r.parallel.epFp8Dispatch).toBe(false);
    expect(r.parallel.overlap.tpComm).toBe(false);
    // Same input object, same resolved object (memos keyed by identity).
    expect(withFrameworkDefaults(off)).toBe(r);
  });

  it('a framework that does not run the mode is an error naming the field and what the mode allows', () => {
    const r = parseScenario({ workload: { mode: 'inference', framework: 'nemo' } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.path).toBe('workload.framework');
    expect(r.errors[0]!.message).toBe(
      'workload.framework: nemo does not run inference (allowed for inference: auto, vllm, sglang, tensorrt-llm)',
    );
    expect(parseScenario({ workload: { mode: 'training', framework: 'vllm' } }).ok).toBe(false);
  });

  it('an old document with cudaGraphs: false still means off', () => {
    const s = scenario({ workload: { mode: 'inference', phase: 'decode', cudaGraphs: false } });
    expect(frameworkSwitches(s).values.cudaGraphs).toBe(false);
  });
});

describe('framework defaults in the evaluation', () => {
  it('each default applied is listed in the assumptions, and not once the field is set', () => {
    const s = moeTraining('h100-sxm', 'fp8', { framework: 'nemo' });
    const a = evaluateScenario(s).assumptions;
    expect(defaultsLine(a, 'Node-deduplicated expert dispatch (DeepEP/HybridEP)')).toMatch(
      /^Node-deduplicated expert dispatch \(DeepEP\/HybridEP\): on — default of NeMo for training\. Source: Megatron-Bridge/,
    );
    expect(defaultsLine(a, 'FP8 expert dispatch')).toMatch(/: off — default of NeMo .*fused_a2a/);
    expect(defaultsLine(a, 'TP communication overlap')).toMatch(/: on — default of NeMo .*tp_comm_overlap=True/);
    expect(defaultsLine(a, 'CUDA graphs')).toMatch(/: off — default of NeMo/);
    const set = evaluateScenario(moeTraining('h100-sxm', 'fp8', { framework: 'nemo', cudaGraphs: false })).assumptions;
    expect(defaultsLine(set, 'CUDA graphs')).toBeUndefined();
    expect(defaultsLine(set, 'FP8 expert dispatch')).toBeDefined();

    const decode = evaluate({ workload: { mode: 'inference', phase: 'decode' } }).assumptions;
    expect(defaultsLine(decode, 'CUDA graphs')).toMatch(
      /^CUDA graphs: on — default of vLLM for decode \(framework auto: vLLM for inference\)\. Source: vLLM/,
    );
    const explicit = evaluate({ workload: { mode: 'inference', phase: 'decode', cudaGraphs: true } }).assumptions;
    expect(defaultsLine(explicit, 'CUDA graphs')).toBeUndefined();
  });

  it('the evaluation reports the scenario as given (nulls kept), so the page still shows "framework default"', () => {
    const e = evaluate({ workload: { mode: 'inference', phase: 'decode' } });
    expect(e.scenario.workload.cudaGraphs).toBeNull();
  });

  it('decode at a small batch: the default framework (CUDA graphs) is faster than cudaGraphs: false', () => {
    const doc = (cudaGraphs: boolean | null) => ({
      model: { preset: 'qwen3-30b-a3b' },
      hardware: { gpu: 'h100-sxm', count: 1 },
      workload: { mode: 'inference', phase: 'decode', globalBatch: 1, seqLen: 1024, decodeTokens: 64, cudaGraphs },
      parallel: { tp: 1, pp: 1, dp: 1, ep: 1, capacityFactor: null },
    });
    const graphs = evaluate(doc(null)).latencySeconds;
    const eager = evaluate(doc(false)).latencySeconds;
    expect(evaluate(doc(true)).latencySeconds).toBe(graphs);
    // One token per step: the CPU issuing dozens of operations per layer outruns the GPU without graphs.
    expect(graphs).toBeLessThan(0.8 * eager);
  });
});
