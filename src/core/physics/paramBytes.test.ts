import { describe, expect, it } from 'vitest';
import { bytesPerParam } from './paramBytes';
import { optimizerStateElements } from './optimizerState';
import { optimizerStepBytesPerParam } from './optimizerStep';
import { zeroSharding } from './zero';

const train = { mode: 'training', precision: 'bf16', fp32MainGrads: true, optimizer: 'adam' } as const;
const total = (b: { weights: number; gradients: number; optimizer: number }) => b.weights + b.gradients + b.optimizer;

describe('bytes per parameter (Rajbhandari et al. 2020; Megatron theoretical_memory_usage.py)', () => {
  it('Adam: Megatron 2 + 4 + 12 = 18; the ZeRO paper 2 + 2 + 12 = 16', () => {
    expect(bytesPerParam(train)).toEqual({ weights: 2, expertWeights: 2, gradients: 4, optimizer: 12 });
    expect(total(bytesPerParam({ ...train, fp32MainGrads: false }))).toBe(16);
  });

  it('SGD with momentum keeps master weights and momentum: 8 bytes of state', () => {
    expect(optimizerStateElements('sgd')).toBe(2);
    expect(bytesPerParam({ ...train, optimizer: 'sgd' }).optimizer).toBe(8);
  });

  it('FP8 training still keeps 16-bit weights; FP8 serving 1 byte and nothing else', () => {
    expect(bytesPerParam({ ...train, precision: 'fp8' }).weights).toBe(2);
    expect(bytesPerParam({ ...train, mode: 'inference', precision: 'fp8' })).toEqual({
      weights: 1,
      expertWeights: 1,
      gradients: 0,
      optimizer: 0,
    });
    // Serving may store routed experts apart: MXFP4 is 4.25 bits (OCP MX v1.0).
    expect(bytesPerParam({ ...train, mode: 'inference', precision: 'bf16', expertWeightPrecision: 'fp4' })).toEqual({
      weights: 2,
      expertWeights: 0.53125,
      gradients: 0,
      optimizer: 0,
    });
    expect(bytesPerParam({ ...train, mode: 'inference' })).toEqual({
      weights: 2,
      expertWeights: 2,
      gradients: 0,
      optimizer: 0,
    });
  });
});

describe('optimizer step traffic per parameter', () => {
  it('Adam: read master, m, v and the gradient, write master, m, v and the weights: 30 bytes (28 with 16-bit gradients)', () => {
    expect(optimizerStepBytesPerParam(bytesPerParam(train))).toBe(12 + 4 + 12 + 2);
    expect(optimizerStepBytesPerParam(bytesPerParam({ ...train, fp32MainGrads: false }))).toBe(28);
  });

  it('SGD with momentum: 8 + 4 read, 8 + 2 written = 22 bytes', () => {
    expect(optimizerStepBytesPerParam(bytesPerParam({ ...train, optimizer: 'sgd' }))).toBe(22);
  });
});

describe('ZeRO stages', () => {
  it('stage 1 shards the optimizer state, 2 also the gradients, 3 also the weights', () => {
    expect([0, 1, 2, 3].map((s) => zeroSharding(s as 0 | 1 | 2 | 3))).toEqual([
      { optimizer: false, gradients: false, weights: false },
      { optimizer: true, gradients: false, weights: false },
      { optimizer: true, gradients: true, weights: false },
      { optimizer: true, gradients: true, weights: true },
    ]);
  });
});
