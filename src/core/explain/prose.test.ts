/**
 * Prose that names a number reads it from the constant the figure uses: the
 * optimizer's bytes per parameter under SGD, the citations of the GPU
 * generation the scenario runs on.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '..';
import { explainMetric } from '.';

const training = (optimizer: 'adam' | 'sgd') =>
  evaluate({
    workload: { mode: 'training', precision: 'bf16', optimizer, zeroStage: 0, fp32MainGrads: false, seqLenRange: null },
  });

function memoryMeaning(e: ReturnType<typeof evaluate>, symbol: string): string {
  return explainMetric(e, 'memory').terms.find((t) => t.symbol === symbol)!.meaning;
}

describe('the memory derivation names the bytes per parameter memory uses', () => {
  it('SGD with momentum: 8 bytes per parameter (fp32 master weights and momentum), and the value is params × 8', () => {
    const e = training('sgd');
    const text = memoryMeaning(e, 'M_optimizer');
    expect(text).toContain('2 × 4 = 8 bytes per parameter');
    expect(text).toContain('SGD with momentum');
    expect(text).not.toMatch(/12 bytes|Adam/);
    const stage = e.memory.perStage[e.memory.peakStage];
    // Without ZeRO every GPU holds the state of all its stage's parameters.
    expect(e.memory.breakdown.optimizer).toBe((stage.params!.dense + stage.params!.expert) * 8);
  });

  it('Adam: 12 bytes per parameter (master weights, first and second moment)', () => {
    const text = memoryMeaning(training('adam'), 'M_optimizer');
    expect(text).toContain('3 × 4 = 12 bytes per parameter');
    expect(text).toContain('master weights, first moment and second moment');
  });

  it('16-bit gradients read 2 bytes, fp32 main gradients 4', () => {
    expect(memoryMeaning(training('adam'), 'M_grads')).toContain('2 bytes per parameter');
    const fp32 = evaluate({
      workload: { mode: 'training', precision: 'bf16', fp32MainGrads: true, seqLenRange: null },
    });
    expect(memoryMeaning(fp32, 'M_grads')).toContain('4 bytes per parameter');
  });

  it('the step time names the optimizer the scenario uses', () => {
    const t = explainMetric(training('sgd'), 'latency').terms.find((x) => x.symbol === 'T_opt')!.meaning;
    expect(t).toContain('SGD with momentum state');
    expect(t).not.toContain('Adam');
  });
});

describe('assumptions cite the GPU generation the scenario runs on', () => {
  const moe = (gpu: string) =>
    evaluate({
      workload: { mode: 'training', precision: 'bf16', flashAttention: true, seqLenRange: null },
      hardware: { gpu },
    })
      // The GEMM-shape line derives its reduction-length constant from DeepGEMM's H800 table, scaled to the GPU: cited as such.
      .assumptions.filter((line) => !line.startsWith("GEMM efficiency from each GEMM's shape"))
      .join('\n');

  it('an A100 run cites FlashAttention-2 on A100, not H100 or FlashAttention-3', () => {
    const a = moe('a100-80gb');
    expect(a).toMatch(/Fused attention reaches \d+%.*FlashAttention-2 on A100.*Dao 2023/);
    expect(a).not.toMatch(/FlashAttention-3|H100|H800/);
  });

  it('an H100 run cites FlashAttention-3 and the H100 all-to-all measurements', () => {
    const a = moe('h100-sxm');
    expect(a).toMatch(/FlashAttention-3 on H100/);
    expect(a).toMatch(/nccl-tests on DGX H100/);
  });
});
