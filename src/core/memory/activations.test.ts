import { describe, expect, it } from 'vitest';
import type { ModelSpec, Recompute } from '../scenario/types';
import { denseGpt, loadFixtureModels, toModelSpec } from '../../../test/models';
import {
  activationBytesPerLayer,
  activationTensorsPerLayer,
  inputLayerActivationBytes,
  korthikantiBytesPerLayer,
  outputLayerActivationBytes,
  type ActivationOptions,
} from './activations';

const relErr = (x: number, ref: number) => Math.abs(x - ref) / Math.abs(ref);
const byName = (name: string) => toModelSpec(loadFixtureModels().find((m) => m.name === name)!);

describe('korthikantiBytesPerLayer: Korthikanti et al. 2022, Table 2', () => {
  const s = 2048;
  const b = 1;
  const h = 12288;
  const a = 96;
  const t = 8;
  const sbh = s * b * h;
  const k = (sequenceParallel: boolean, recompute: Recompute, tt = t) =>
    korthikantiBytesPerLayer({ s, b, h, a, t: tt, sequenceParallel, recompute });

  it('reproduces each row', () => {
    expect(k(false, 'none', 1)).toBe(sbh * (34 + (5 * a * s) / h));
    expect(k(false, 'none')).toBe(sbh * (10 + 24 / t + (5 * a * s) / (h * t)));
    expect(k(true, 'none')).toBe(sbh * (34 / t + (5 * a * s) / (h * t)));
    expect(k(false, 'selective')).toBe(sbh * (10 + 24 / t));
    expect(k(true, 'selective')).toBe((34 * sbh) / t);
    expect(k(false, 'full')).toBe(2 * sbh);
    expect(k(true, 'full')).toBe((2 * sbh) / t);
  });

  it('GPT-3 175B numbers: the s² terms dominate without recompute (5as/h = 80 against 34)', () => {
    expect(k(false, 'none', 1) / sbh).toBe(34 + 80);
    expect(k(true, 'selective')).toBeLessThan(k(true, 'none') / 3);
  });
});

describe('activationBytesPerLayer reproduces Table 2 for a dense f = 4h MHA GPT', () => {
  const shapes: [number, number, number, number, number][] = [
    // s, b, h, a, t
    [2048, 1, 12288, 96, 8],
    [2048, 4, 4096, 32, 4],
    [1024, 2, 2304, 24, 1],
    [4096, 1, 8192, 64, 2],
    [512, 8, 1024, 16, 16],
    [8192, 1, 16384, 128, 8],
  ];
  const settings: [boolean, Recompute][] = [
    [false, 'none'],
    [true, 'none'],
    [false, 'selective'],
    [true, 'selective'],
    [false, 'full'],
    [true, 'full'],
  ];
  for (const [s, b, h, a, t] of shapes) {
    for (const [sequenceParallel, recompute] of settings) {
      it(`s=${s} b=${b} h=${h} a=${a} t=${t} SP=${sequenceParallel} ${recompute}`, () => {
        const model = denseGpt(2, h, a, 50000);
        const derived = activationBytesPerLayer(model, 0, {
          s,
          b,
          t,
          sequenceParallel,
          recompute,
          flashAttention: false,
        });
        const paper = korthikantiBytesPerLayer({ s, b, h, a, t, sequenceParallel, recompute });
        expect(relErr(derived, paper)).toBeLessThan(1e-12);
      });
    }
  }

  it('the 34 is norms 4 + attention 11 + MLP 19 (t = 1, per sbh), the s² part 5as²b', () => {
    const [s, b, h, a] = [1024, 2, 2048, 16];
    const tensors = activationTensorsPerLayer(denseGpt(1, h, a, 1000), 0, {
      s,
      b,
      t: 1,
      sequenceParallel: false,
      recompute: 'selective',
      flashAttention: false,
    });
    const part = (p: string) => tensors.filter((x) => x.part === p).reduce((n, x) => n + x.bytes, 0) / (s * b * h);
    expect([part('norms'), part('attention'), part('mlp')]).toEqual([4, 11, 19]);
    const none = activationBytesPerLayer(denseGpt(1, h, a, 1000), 0, {
      s,
      b,
      t: 1,
      sequenceParallel: false,
      recompute: 'none',
      flashAttention: false,
    });
    expect(none - 34 * s * b * h).toBe(5 * a * s * s * b);
  });
});

describe('the general derivation', () => {
  const base: ActivationOptions = {
    s: 4096,
    b: 1,
    t: 4,
    sequenceParallel: true,
    recompute: 'none',
    flashAttention: false,
  };
  const gpt = denseGpt(2, 4096, 32, 50000);

  it('FlashAttention replaces the s² tensors by the fp32 softmax statistics', () => {
    const flash = activationBytesPerLayer(gpt, 0, { ...base, flashAttention: true });
    const sel = activationBytesPerLayer(gpt, 0, { ...base, recompute: 'selective' });
    expect(relErr(flash - sel, (4 * 32 * 4096 * 1) / 4)).toBeLessThan(1e-12);
  });

  it('GQA shrinks K and V by a_kv/a; a·d_h ≠ h is honoured', () => {
    const gqa: ModelSpec = { ...gpt, kvHeads: 8 };
    const diff = activationBytesPerLayer(gpt, 0, base) - activationBytesPerLayer(gqa, 0, base);
    expect(diff).toBe((2 * 2 * 4096 * (32 - 8) * 128) / 4);
    const wide: ModelSpec = { ...gpt, headDim: 256 }; // a·d_h = 2h: Q, K, V, context double
    const extra = activationBytesPerLayer(wide, 0, base) - activationBytesPerLayer(gpt, 0, base);
    expect(extra).toBe((4 * 2 * 4096 * 4096) / 4);
  });

  it('gated FFN: input, three f-sized tensors, mask', () => {
    const f = 11008;
    const m: ModelSpec = { ...gpt, gatedFfn: true, ffnHidden: f };
    const o = { ...base, t: 1, sequenceParallel: false, recompute: 'selective' as const };
    const mlp = activationTensorsPerLayer(m, 0, o)
      .filter((x) => x.part === 'mlp')
      .reduce((n, x) => n + x.bytes, 0);
    expect(mlp).toBe(4096 * (2 * 4096 + 3 * 2 * f + 4096));
  });

  it('without dropout the masks and the dropout output disappear', () => {
    const o = { ...base, t: 1, sequenceParallel: false, dropout: false };
    const sbh = 4096 * 4096;
    // two sbh masks gone; of 5as²b only the softmax output 2as²b remains
    expect(activationBytesPerLayer(gpt, 0, o)).toBe(sbh * (34 - 2) + 2 * 32 * 4096 * 4096);
  });

  it('bytesPerElement scales every tensor but the 1-byte masks', () => {
    const o = { ...base, t: 1, sequenceParallel: false, recompute: 'selective' as const };
    const sbh = 4096 * 4096;
    expect(activationBytesPerLayer(gpt, 0, { ...o, bytesPerElement: 4 })).toBe(2 * 32 * sbh + 2 * sbh);
  });

  it('MoE layer: expert tensors scale with tokensFactor and f_e, router logits added', () => {
    const mixtral = byName('Mixtral 8x7B');
    const [s, b, h, fe, E] = [4096, 1, 4096, 14336, 8];
    const o: ActivationOptions = {
      s,
      b,
      t: 1,
      sequenceParallel: false,
      recompute: 'none',
      flashAttention: true,
      dropout: false,
    };
    const moeBytes = (tokensFactor: number, etp = 1) =>
      activationTensorsPerLayer(mixtral, 0, { ...o, moe: { tokensFactor, etp } })
        .filter((x) => x.part === 'moe')
        .reduce((n, x) => n + x.bytes, 0);
    const sb = s * b;
    // input 2sbh, logits 2sbE, per routed token: input 2h, gate/up/product 3·2f_e, output 2h
    expect(moeBytes(2)).toBe(2 * sb * h + 2 * sb * E + 2 * sb * (2 * h + 6 * fe + 2 * h));
    expect(moeBytes(2.5) - moeBytes(2)).toBe(0.5 * sb * (4 * h + 6 * fe));
    expect(moeBytes(2)).toBe(
      activationTensorsPerLayer(mixtral, 0, o)
        .filter((x) => x.part === 'moe')
        .reduce((n, x) => n + x.bytes, 0),
    );
  });

  it('MoE with TP: ETP splits f_e, tokens gather over the ETP group', () => {
    const mixtral = byName('Mixtral 8x7B');
    const o: ActivationOptions = {
      s: 4096,
      b: 1,
      t: 4,
      sequenceParallel: true,
      recompute: 'none',
      flashAttention: true,
      dropout: false,
    };
    const part = (etp: number, name: string) =>
      activationTensorsPerLayer(mixtral, 0, { ...o, moe: { tokensFactor: 2, etp } }).find((x) => x.name === name)!
        .bytes;
    // f_e tensors per GPU do not depend on etp; the h-sized dispatched tokens grow with it.
    expect(part(1, 'expert gated product')).toBe(part(4, 'expert gated product'));
    expect(part(4, 'expert inputs (dispatched tokens)')).toBe(4 * part(1, 'expert inputs (dispatched tokens)'));
    expect(part(1, 'expert inputs (dispatched tokens)')).toBe((2 * 4096 * 2 * 4096) / 4);
  });

  it('selective recompute on a MoE layer also recomputes the pre-MoE norm and the expert activation (Megatron-Core layernorm, moe_act)', () => {
    const mixtral = byName('Mixtral 8x7B');
    const [s, b, h, fe] = [4096, 1, 4096, 14336];
    const o: ActivationOptions = {
      s,
      b,
      t: 1,
      sequenceParallel: false,
      recompute: 'none',
      flashAttention: true,
      dropout: false,
      moe: { tokensFactor: 2, etp: 1 },
    };
    const moe = (recompute: ActivationOptions['recompute']) =>
      activationTensorsPerLayer(mixtral, 0, { ...o, recompute })
        .filter((x) => x.part === 'moe')
        .reduce((n, x) => n + x.bytes, 0);
    // Dropped: the FFN input (2sbh) and the gated product (2 · 2sb · f_e for top-2).
    expect(moe('none') - moe('selective')).toBe(2 * s * b * h + 2 * 2 * s * b * fe);
  });

  it('DeepSeek-V3: dense and MoE layers differ; shared expert and MLA latents counted', () => {
    const ds = byName('DeepSeek-V3');
    const o: ActivationOptions = {
      s: 4096,
      b: 1,
      t: 1,
      sequenceParallel: false,
      recompute: 'selective',
      flashAttention: true,
      dropout: false,
    };
    const names = activationTensorsPerLayer(ds, 3, o).map((x) => x.name);
    expect(names).toContain('shared expert: FFN gated product (down-projection input)');
    expect(names).toContain('key/value latent (norm input)');
    expect(names).toContain('router logits');
    expect(activationTensorsPerLayer(ds, 0, o).map((x) => x.name)).not.toContain('router logits');
  });

  it('full recompute keeps only the layer input, MoE or not', () => {
    const ds = byName('DeepSeek-V3');
    const o: ActivationOptions = {
      s: 4096,
      b: 2,
      t: 8,
      sequenceParallel: true,
      recompute: 'full',
      flashAttention: true,
    };
    expect(activationBytesPerLayer(ds, 10, o)).toBe((2 * 4096 * 2 * 7168) / 8);
    expect(activationBytesPerLayer(ds, 10, { ...o, sequenceParallel: false })).toBe(2 * 4096 * 2 * 7168);
  });
});

describe('first and last stage extras', () => {
  it("output layer with SP is Megatron's 4·sbh·(1 + V/h)/t", () => {
    const [s, b, h, V, t] = [2048, 2, 4096, 51200, 8];
    const bytes = outputLayerActivationBytes({ s, b, h, V, t, sequenceParallel: true });
    expect(relErr(bytes, (4 * s * b * h * (1 + V / h)) / t)).toBeLessThan(1e-12);
    const noSp = outputLayerActivationBytes({ s, b, h, V, t, sequenceParallel: false });
    expect(noSp).toBe(4 * s * b * h + (4 * s * b * V) / t);
  });

  it('input layer: token ids and the embedding dropout mask', () => {
    expect(inputLayerActivationBytes({ s: 2048, b: 1, h: 4096, t: 4, sequenceParallel: true })).toBe(
      8 * 2048 + (2048 * 4096) / 4,
    );
    expect(inputLayerActivationBytes({ s: 2048, b: 1, h: 4096, t: 4, sequenceParallel: true, dropout: false })).toBe(
      8 * 2048,
    );
  });
});

describe('FP8 training and MLA recompute', () => {
  const ds = () => byName('DeepSeek-V3');
  const o: ActivationOptions = {
    s: 4096,
    b: 1,
    t: 1,
    sequenceParallel: false,
    recompute: 'none',
    flashAttention: true,
    dropout: false,
  };
  const bytesOf = (m: ModelSpec, opts: ActivationOptions, name: string) =>
    activationTensorsPerLayer(m, 5, opts).find((x) => x.name === name)?.bytes ?? 0;

  it('FP8 keeps each GEMM input for the weight gradient in FP8 (1 byte), the rest in 16-bit', () => {
    const m = ds();
    const fp8 = { ...o, gemmInputBytes: 1 };
    expect(bytesOf(m, fp8, 'expert inputs (dispatched tokens)')).toBe(
      bytesOf(m, o, 'expert inputs (dispatched tokens)') / 2,
    );
    expect(bytesOf(m, fp8, 'expert gated product')).toBe(bytesOf(m, o, 'expert gated product') / 2);
    expect(bytesOf(m, fp8, 'output-projection input')).toBe(bytesOf(m, o, 'output-projection input') / 2);
    // The activation's own inputs and the expert outputs stay 16-bit.
    expect(bytesOf(m, fp8, 'expert gate projection output')).toBe(bytesOf(m, o, 'expert gate projection output'));
    expect(bytesOf(m, fp8, 'expert outputs (for the routing-weight product)')).toBe(
      bytesOf(m, o, 'expert outputs (for the routing-weight product)'),
    );
    // DeepSeek-V3 also caches the SwiGLU inputs in FP8.
    expect(bytesOf(m, { ...fp8, activationInputBytes: 1 }, 'expert gate projection output')).toBe(
      bytesOf(m, o, 'expert gate projection output') / 2,
    );
  });

  it('selective recompute on an MLA model drops the up-projected Q, K and V (4096 tokens × 128 heads × (192 + 192 + 128) × 2 bytes) and keeps the latents', () => {
    const m = ds();
    const sum = (r: Recompute) =>
      activationTensorsPerLayer(m, 5, { ...o, recompute: r })
        .filter((x) => x.part === 'attention')
        .reduce((a, x) => a + x.bytes, 0);
    // Also gone, as for any model: FlashAttention's fp32 softmax statistics (4·a·s·b).
    expect(sum('none') - sum('selective')).toBe(4096 * 128 * (192 + 192 + 128) * 2 + 4 * 128 * 4096);
    const names = activationTensorsPerLayer(m, 5, { ...o, recompute: 'selective' }).map((x) => x.name);
    expect(names).toContain('key/value latent (up-projection input)');
    expect(names).not.toContain('Q (for QKᵀ)');
  });

  it('gemmInputBytes 2 changes nothing: the Korthikanti tensors are exact either way', () => {
    const gpt = denseGpt(1, 4096, 32, 51200);
    const base = { s: 2048, b: 1, t: 1, sequenceParallel: false, recompute: 'none' as const, flashAttention: false };
    expect(activationBytesPerLayer(gpt, 0, { ...base, gemmInputBytes: 2 })).toBe(activationBytesPerLayer(gpt, 0, base));
  });
});

describe("DeepSeek-V3's memory options, by hand on a small MLA MoE model", () => {
  // h 64, 4 heads, MLA latents 32 (query) and 16 (key/value), head dims 8 + 4 (rope) and 8 (value);
  // 8 experts, top-2, f_e 32, one shared expert; layer 0 dense, layer 1 MoE.
  const small: ModelSpec = {
    ...byName('DeepSeek-V3'),
    layers: 2,
    hidden: 64,
    heads: 4,
    kvHeads: 4,
    headDim: 12,
    ffnHidden: 128,
    gatedFfn: true,
    mla: { qLoraRank: 32, kvLoraRank: 16, qkNopeHeadDim: 8, qkRopeHeadDim: 4, vHeadDim: 8 },
    moe: {
      experts: 8,
      topK: 2,
      expertHidden: 32,
      sharedExperts: 1,
      sharedExpertHidden: 32,
      denseLayers: 1,
      layerFrequency: 1,
    },
  };
  // s·b = 32 tokens, TP 2 with sequence parallelism, FP8 GEMM inputs (1 byte), 16-bit otherwise.
  const o: ActivationOptions = {
    s: 16,
    b: 2,
    t: 2,
    sequenceParallel: true,
    recompute: 'none',
    flashAttention: true,
    dropout: false,
    gemmInputBytes: 1,
  };
  const saved = (layer: number, extra: Partial<ActivationOptions>, opts = o) =>
    activationBytesPerLayer(small, layer, opts) - activationBytesPerLayer(small, layer, { ...opts, ...extra });

  it('recomputing norms and MLA up-projections frees the norm outputs and Q, K, V: 7,936 bytes on the MoE layer, 6,912 on the dense one', () => {
    // Norm outputs (÷ SP 2): attention input 1·32·64/2 = 1,024; query latent 1·32·32/2 = 512;
    // key/value latent 1·32·16/2 = 256. Q and K 2·32·(4·12)/2 = 1,536 each, V 2·32·(4·8)/2 = 1,024.
    const attention = 1024 + 512 + 256 + 1536 + 1536 + 1024;
    // MoE layer: its 16-bit input to router, dispatch and shared expert 2·32·64/2 = 2,048.
    expect(saved(1, { recomputeNormsAndUpProjections: true })).toBe(attention + 2048);
    // Dense layer: the FFN input (an FP8 GEMM input) 1·32·64/2 = 1,024.
    expect(saved(0, { recomputeNormsAndUpProjections: true })).toBe(attention + 1024);
    // With selective recompute Q, K and V are already rebuilt, so only the attention norm outputs are left to save.
    const sel = { ...o, recompute: 'selective' as const };
    expect(saved(1, { recomputeNormsAndUpProjections: true }, sel)).toBe(1024 + 512 + 256);
    // The norm inputs stay: the backward redoes each norm from them.
    const names = activationTensorsPerLayer(small, 1, { ...o, recomputeNormsAndUpProjections: true }).map(
      (x) => x.name,
    );
    expect(names).toEqual(
      expect.arrayContaining(['attention norm input', 'FFN norm input', 'query latent (norm input)']),
    );
  });

  it('the routing weight inside the expert frees the expert outputs: 2 bytes × 64 routed tokens × h 64 = 8,192 bytes', () => {
    // Routed tokens on one GPU: s·b·k·etp/t = 32·2·2/2 = 64 (ETP defaults to TP).
    expect(saved(1, { routingWeightInExpert: true })).toBe(2 * 64 * 64);
    // A dense layer has no routing weight.
    expect(saved(0, { routingWeightInExpert: true })).toBe(0);
  });
});
