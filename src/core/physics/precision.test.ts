import { describe, expect, it } from 'vitest';
import { bytesPerElement, type StoragePrecision } from './precision';
import { tensorPrecisions } from './tensorPrecision';

describe('bytes per element', () => {
  it('fp32 4, bf16 and fp16 2, fp8 1, fp4 half a byte', () => {
    const table: [StoragePrecision, number][] = [
      ['fp32', 4],
      ['bf16', 2],
      ['fp16', 2],
      ['fp8', 1],
      ['fp4', 0.5],
    ];
    for (const [p, bytes] of table) expect(bytesPerElement(p), p).toBe(bytes);
  });

  it('block-scaled FP4 pays for its scales: MXFP4 4.25 bits (E8M0 per 32), NVFP4 4.5 bits (E4M3 per 16)', () => {
    expect(bytesPerElement('mxfp4') * 8).toBe(4.25);
    expect(bytesPerElement('nvfp4') * 8).toBe(4.5);
  });
});

describe('which format each tensor is kept in', () => {
  const base = { mode: 'training', precision: 'bf16', fp32MainGrads: true } as const;

  it('mixed-precision training: 16-bit weights, fp32 main gradients and optimizer state', () => {
    expect(tensorPrecisions(base)).toEqual({
      weights: 'bf16',
      expertWeights: 'bf16',
      gradients: 'fp32',
      optimizerState: 'fp32',
      optimizerMoments: 'fp32',
      activations: 'bf16',
      gemmInputs: 'bf16',
      activationInputs: 'bf16',
      kvCache: 'bf16',
    });
    expect(tensorPrecisions({ ...base, precision: 'fp16', fp32MainGrads: false }).gradients).toBe('fp16');
  });

  it('bf16OptimizerMoments keeps the moments in bf16 in training only, the master weights in fp32 (DeepSeek-V3 report 3.3.3)', () => {
    const train = tensorPrecisions({ ...base, bf16OptimizerMoments: true });
    expect([train.optimizerState, train.optimizerMoments]).toEqual(['fp32', 'bf16']);
    expect(tensorPrecisions({ ...base, mode: 'inference', bf16OptimizerMoments: true }).optimizerMoments).toBe('fp32');
  });

  it('FP8 training keeps bf16 weights and activations; FP8 serving stores FP8 weights and KV cache', () => {
    const train = tensorPrecisions({ ...base, precision: 'fp8' });
    expect([train.weights, train.activations]).toEqual(['bf16', 'bf16']);
    const serve = tensorPrecisions({ ...base, mode: 'inference', precision: 'fp8' });
    expect([serve.weights, serve.kvCache, serve.activations]).toEqual(['fp8', 'fp8', 'bf16']);
  });

  it('FP8 training stores the FP8 cast of each GEMM input, and the gated activation inputs in FP8 only with fp8ActivationCache (DeepSeek-V3 §3.3)', () => {
    const train = tensorPrecisions({ ...base, precision: 'fp8' });
    expect([train.gemmInputs, train.activationInputs]).toEqual(['fp8', 'bf16']);
    expect(tensorPrecisions({ ...base, precision: 'fp8', fp8ActivationCache: true }).activationInputs).toBe('fp8');
    expect(tensorPrecisions({ ...base, precision: 'bf16', fp8ActivationCache: true }).activationInputs).toBe('bf16');
  });

  it('serving stores weights, routed experts and the KV cache each in its own format; fp4 is MXFP4 and its KV cache defaults to 8 bits', () => {
    const serve = { ...base, mode: 'inference', precision: 'bf16' } as const;
    expect(tensorPrecisions({ ...serve, expertWeightPrecision: 'fp4' })).toMatchObject({
      weights: 'bf16',
      expertWeights: 'mxfp4',
      kvCache: 'bf16',
    });
    expect(tensorPrecisions({ ...serve, weightPrecision: 'fp4' })).toMatchObject({
      weights: 'mxfp4',
      expertWeights: 'mxfp4',
      kvCache: 'fp8',
    });
    expect(tensorPrecisions({ ...serve, kvCachePrecision: 'fp8' }).kvCache).toBe('fp8');
    // Training ignores the serving formats.
    expect(tensorPrecisions({ ...base, weightPrecision: 'fp4', kvCachePrecision: 'fp8' })).toMatchObject({
      weights: 'bf16',
      expertWeights: 'bf16',
      kvCache: 'bf16',
    });
  });
});
