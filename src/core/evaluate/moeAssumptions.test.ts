/** Each new cost is named in the evaluation's assumptions with its source, where the scenario uses it. */
import { describe, expect, it } from 'vitest';
import { evaluate } from '..';

const training = {
  workload: { mode: 'training', precision: 'fp8', seqLenRange: null },
  hardware: { gpu: 'h100-sxm' },
  parallel: { capacityFactor: null, overlap: { dpGrad: true, tpComm: false, epComm: true } },
};

describe('assumptions name the new costs and their sources', () => {
  const a = evaluate(training).assumptions.join('\n');
  it.each([
    ['per-operation precision', /only the linear and expert GEMMs run in FP8/],
    ['FP8 quantize passes', /quantize passes.*4 bytes per element/],
    ['fused attention share', /Fused attention reaches \d+%.*FlashAttention-3/],
    [
      'router, permute, activation, tile padding',
      /router is a 16-bit GEMM.*permute and unpermute.*gated activation.*128-row tile/,
    ],
    ['all-to-all latency and bandwidth', /one 5 µs latency per round.*DeepEP/],
    ['overlap behind another micro-batch', /behind another micro-batch's backward.*20 of 132 SMs/],
    [
      'host launches and dropless sync',
      /Host: the CPU issues each framework operation.*dropless routing copies the experts' token counts/,
    ],
  ])('%s', (_name, re) => {
    expect(a).toMatch(re);
  });

  it('a dense 16-bit scenario lists none of the MoE or FP8 lines', () => {
    const d = evaluate({ model: { moe: null }, workload: { precision: 'bf16', seqLenRange: null } }).assumptions.join(
      '\n',
    );
    expect(d).not.toMatch(/run in FP8|quantize passes|permute|All-to-all/);
    expect(d).toMatch(/Host: the CPU issues each framework operation/);
  });
});
