import { describe, expect, it } from 'vitest';
import { bytesPerElement, type StoragePrecision } from './precision';
import { tensorPrecisions } from './tensorPrecision';

describe('bytes per element', () => {
  it('fp32 4, bf16 and fp16 2, fp8 1, fp4 half a byte', () => {
    const table: [StoragePrecision, number][] = [['fp32', 4], ['bf16', 2], ['fp16', 2], ['fp8', 1], ['fp4', 0.5]];
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
    expect(tensorPrecisions(base)).toEqual({ weights: 'bf16', gradients: 'fp32', optimizerState: 'fp32', activations: 'bf16', kvCache: 'bf16' });
    expect(tensorPrecisions({ ...base, precision: 'fp16', fp32MainGrads: false }).gradients).toBe('fp16');
  });

  it('FP8 training keeps bf16 weights and activations; FP8 serving stores FP8 weights and KV cache', () => {
    const train = tensorPrecisions({ ...base, precision: 'fp8' });
    expect([train.weights, train.activations]).toEqual(['bf16', 'bf16']);
    const serve = tensorPrecisions({ ...base, mode: 'inference', precision: 'fp8' });
    expect([serve.weights, serve.kvCache, serve.activations]).toEqual(['fp8', 'fp8', 'bf16']);
  });
});
