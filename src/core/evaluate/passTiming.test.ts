/**
 * passTiming: per chunk of layers, the F, B and W block durations the
 * pipeline simulator runs, each the compute of its layers plus the TP/EP
 * communication that is not hidden behind it. The inputs are the ones the
 * evaluator builds (captured from evaluate()), then varied one field at a
 * time, so the tests follow the evaluator's wiring without copying it.
 */
import { describe, expect, it, vi } from 'vitest';
import { evaluate } from '../index';
import { epSecondsPerLayer, spRegatherSecondsPerLayer, tpSecondsPerLayer } from '../comm/costs';
import type { PassInput, PassTiming } from './passTiming';
import type { Chunk } from '../model/stages';
import { COLLECTIVE_SM_SHARE } from '../comm/linkQueue';
import { gemmTiming, memoryOpTiming } from '../compute/roofline';
import { mlaUpProjections } from '../compute/attention';

const captured: PassInput[] = [];
vi.mock('./passTiming', async (importOriginal) => {
  const real = await importOriginal<typeof import('./passTiming')>();
  return {
    ...real,
    passTiming: (input: PassInput) => {
      captured.push(input);
      return real.passTiming(input);
    },
  };
});
const { passTiming, tpExposed, COMM_SM_SHARE } = await import('./passTiming');

/** The pass input the evaluator builds for a scenario (no sweep; serving also evaluates its other phase afterwards, so the first). */
function inputOf(doc: Record<string, unknown>): PassInput {
  captured.length = 0;
  const training = (doc.workload as { mode?: string } | undefined)?.mode === 'training';
  evaluate({ ...doc, workload: { ...(doc.workload as object), seqLenRange: null } });
  expect(captured).toHaveLength(training ? 1 : 2);
  return captured[0];
}

/** The same input with some workload or overlap fields changed. */
function withScenario(input: PassInput, workload: object, overlap: object = {}): PassInput {
  const s = input.scenario;
  return {
    ...input,
    scenario: {
      ...s,
      workload: { ...s.workload, ...workload },
      parallel: { ...s.parallel, overlap: { ...s.parallel.overlap, ...overlap } },
    },
  };
}

const chunk = (part: Partial<Chunk>): Chunk => ({
  index: 0,
  device: 0,
  fromLayer: 0,
  toLayer: 1,
  dense: 0,
  moe: 0,
  hasEmbedding: false,
  hasOutputHead: false,
  ...part,
});
const run = (input: PassInput, chunks: Chunk[]): PassTiming => passTiming({ ...input, chunks });
const total = (d: { forward: number; backwardInput: number; backwardWeight: number }) =>
  d.forward + d.backwardInput + d.backwardWeight;
const close = (a: number, b: number) => expect(a).toBeCloseTo(b, 12);

// The seed's MoE model as a training run: TP 4, PP 4, EP 4 on 16 GPUs (TP and EP communication both real).
const TRAINING = { workload: { mode: 'training' }, parallel: { tp: 4, pp: 4, dp: 1, ep: 4 }, hardware: { count: 16 } };
const training = inputOf(TRAINING);
const inference = inputOf({ parallel: { tp: 4, pp: 4, dp: 1, ep: 4 }, hardware: { count: 16 } });
const dense = inputOf({ model: { preset: 'gpt3-175b' }, hardware: { count: 32 }, workload: { mode: 'training' } });

describe('passTiming: one entry per chunk', () => {
  it('returns durations, compute and exposed communication for each chunk the evaluator gives it', () => {
    const r = passTiming(training);
    expect(training.chunks).toHaveLength(4);
    for (const list of [r.durations, r.computeSeconds, r.expertComputeSeconds, r.exposed]) expect(list).toHaveLength(4);
    for (const d of r.durations)
      for (const x of [d.forward, d.backwardInput, d.backwardWeight]) expect(x).toBeGreaterThan(0);
  });
});

describe('durations = compute + exposed communication', () => {
  for (const [name, input] of [
    ['training', training],
    ['inference', inference],
    ['a dense model', dense],
  ] as const) {
    it(`${name}: F + B + W of a chunk is its compute plus its exposed forward and backward communication, and TP + EP is the same total`, () => {
      const r = passTiming(input);
      r.durations.forEach((d, j) => {
        close(total(d), r.computeSeconds[j] + r.exposed[j].forward + r.exposed[j].backward);
        close(r.exposed[j].tp + r.exposed[j].ep, r.exposed[j].forward + r.exposed[j].backward);
      });
    });

    it(`${name}: the EP parts of the forward and backward comm add up to the EP total and fit inside each`, () => {
      const r = passTiming(input);
      for (const x of r.exposed) {
        close(x.forwardEp + x.backwardEp, x.ep);
        expect(x.forwardEp).toBeGreaterThanOrEqual(0);
        expect(x.backwardEp).toBeGreaterThanOrEqual(0);
        expect(x.forwardEp).toBeLessThanOrEqual(x.forward + 1e-15);
        expect(x.backwardEp).toBeLessThanOrEqual(x.backward + 1e-15);
      }
      // The dense model has no all-to-all; the seed's MoE model (EP 4) has some in every chunk.
      if (input === dense) expect(r.exposed.every((x) => x.ep === 0)).toBe(true);
      else expect(r.exposed.every((x) => x.forwardEp > 0)).toBe(true);
    });
  }

  it('one dense layer: F = its forward + exposed forward comm, B = its input backward + exposed backward comm, W = its weight backward alone', () => {
    const r = run(training, [chunk({ dense: 1 })]);
    const [d] = r.durations;
    const [x] = r.exposed;
    close(d.forward, r.dense.forwardSeconds + x.forward);
    close(d.backwardInput, r.dense.backwardInputSeconds + x.backward);
    close(d.backwardWeight, r.dense.backwardWeightSeconds);
  });

  it('without overlap, a dense layer exposes its two TP all-reduces (Megatron) in F and again in B, plus the SP re-gather in B, and no EP traffic', () => {
    const [x] = run(training, [chunk({ dense: 1 })]).exposed;
    const tp = tpSecondsPerLayer(training.comm, false);
    const regather = spRegatherSecondsPerLayer(training.comm, false);
    expect(tp).toBeGreaterThan(0);
    expect(training.comm.sequenceParallel).toBe(true);
    expect(regather).toBeGreaterThan(0);
    close(x.forward, tp);
    close(x.backward, tp + regather);
    close(x.tp, 2 * tp + regather);
    expect(x.ep).toBe(0);
  });

  it('an MoE layer exposes its EP all-to-alls (GShard dispatch and combine) in F and again in B', () => {
    const [x] = run(training, [chunk({ moe: 1 })]).exposed;
    const ep = epSecondsPerLayer(training.comm);
    expect(ep).toBeGreaterThan(0);
    close(x.ep, 2 * ep);
    close(x.forward, tpSecondsPerLayer(training.comm, true) + ep);
  });
});

describe('chunks add up their layers', () => {
  it('k layers take k times one layer; a mixed chunk takes the sum of its parts', () => {
    const r = run(training, [
      chunk({ dense: 1 }),
      chunk({ dense: 3 }),
      chunk({ moe: 1 }),
      chunk({ moe: 2 }),
      chunk({ dense: 1, moe: 2 }),
    ]);
    const [d1, d3, m1, m2, mixed] = r.durations;
    for (const k of ['forward', 'backwardInput', 'backwardWeight'] as const) {
      close(d3[k], 3 * d1[k]);
      close(m2[k], 2 * m1[k]);
      close(mixed[k], d1[k] + m2[k]);
    }
  });

  it('the embedding adds to F only; the output head adds to F (GEMM and loss) and its GEMM to B and to W in training', () => {
    const [plain, emb, head] = run(training, [
      chunk({ dense: 1 }),
      chunk({ dense: 1, hasEmbedding: true }),
      chunk({ dense: 1, hasOutputHead: true }),
    ]).durations;
    expect(emb.forward).toBeGreaterThan(plain.forward);
    close(emb.backwardInput, plain.backwardInput);
    close(emb.backwardWeight, plain.backwardWeight);
    const gemm = passTiming(training).blocks.find((b) => b.name === 'outputHead')!.seconds;
    close(head.backwardInput - plain.backwardInput, gemm);
    close(head.backwardWeight - plain.backwardWeight, gemm);
    expect(head.forward - plain.forward).toBeGreaterThan(gemm); // the GEMM plus the cross-entropy over the logits
  });
});

describe('output head precision', () => {
  it('an FP8 run times its output head on the 16-bit unit (DeepSeek-V3 report 3.3), slower than an FP8 GEMM of its shape', () => {
    const fp8 = inputOf({
      ...TRAINING,
      hardware: { gpu: 'h800-sxm', count: 16 },
      workload: { mode: 'training', precision: 'fp8' },
    });
    const c = fp8.layer;
    expect(c.device.fp8Gemms).toBe(true);
    const shape = { m: c.tokens * c.microBatch, k: fp8.scenario.model.hidden, n: fp8.scenario.model.vocab / c.tp };
    const head = passTiming(fp8).blocks.find((b) => b.name === 'outputHead')!.seconds;
    close(head, gemmTiming(shape, c.device, 1, c.device.gemm16).seconds);
    expect(head).toBeGreaterThan(gemmTiming(shape, c.device).seconds);
  });
});

describe('training and inference', () => {
  it('inference has F blocks only: no B, no W, no backward communication', () => {
    const r = passTiming(inference);
    for (const d of r.durations) {
      expect(d.backwardInput).toBe(0);
      expect(d.backwardWeight).toBe(0);
    }
    for (const x of r.exposed) expect(x.backward).toBe(0);
  });

  it('full recompute adds one forward, communication included, to B; F and W stay', () => {
    const none = run(withScenario(training, { recompute: 'none' }), [chunk({ dense: 1 }), chunk({ moe: 2 })]);
    const full = run(withScenario(training, { recompute: 'full' }), [chunk({ dense: 1 }), chunk({ moe: 2 })]);
    none.durations.forEach((n, j) => {
      const f = full.durations[j];
      close(f.forward, n.forward);
      close(f.backwardWeight, n.backwardWeight);
      close(f.backwardInput - n.backwardInput, n.forward);
    });
  });

  it('selective recompute re-runs only what it dropped: the attention core without FlashAttention (Korthikanti et al. 2022), nothing of a dense layer with it', () => {
    const noFlash = (input: PassInput): PassInput => ({ ...input, layer: { ...input.layer, flashAttention: false } });
    const none = run(noFlash(withScenario(training, { recompute: 'none', flashAttention: false })), [
      chunk({ dense: 2 }),
    ]);
    const sel = run(noFlash(withScenario(training, { recompute: 'selective', flashAttention: false })), [
      chunk({ dense: 2 }),
    ]);
    expect(none.dense.forward.attentionCore.seconds).toBeGreaterThan(0);
    close(
      sel.durations[0].backwardInput - none.durations[0].backwardInput,
      2 * none.dense.forward.attentionCore.seconds,
    );
    close(sel.durations[0].forward, none.durations[0].forward);
    close(sel.exposed[0].backward, none.exposed[0].backward);
    // FlashAttention stores no s×s tensors, so selective recompute has nothing to re-run on a dense MHA layer.
    const flashNone = run(withScenario(training, { recompute: 'none', flashAttention: true }), [chunk({ dense: 2 })]);
    const flashSel = run(withScenario(training, { recompute: 'selective', flashAttention: true }), [
      chunk({ dense: 2 }),
    ]);
    close(flashSel.durations[0].backwardInput, flashNone.durations[0].backwardInput);
  });

  it("routed-expert compute counts the forward and the backward's two GEMMs (3×), 4× under full recompute, 1× in inference", () => {
    for (const [input, passes] of [
      [withScenario(training, { recompute: 'none' }), 3],
      [withScenario(training, { recompute: 'full' }), 4],
      [inference, 1],
    ] as const) {
      const r = run(input, [chunk({ moe: 2 }), chunk({ dense: 1 })]);
      close(r.expertComputeSeconds[0], 2 * passes * r.moe!.forward.routedExperts.seconds);
      expect(r.expertComputeSeconds[1]).toBe(0);
    }
  });

  it('a dense model has no MoE layer timing, no EP traffic and no expert compute', () => {
    const r = passTiming(dense);
    expect(r.moe).toBeNull();
    for (const x of r.exposed) expect(x.ep).toBe(0);
    for (const s of r.expertComputeSeconds) expect(s).toBe(0);
  });
});

describe('overlap', () => {
  it('hides TP communication behind the layer’s own compute: what is left is max(0, comm − compute) plus the SM share of the hidden part', () => {
    const one = [chunk({ dense: 1 })];
    const exposed = run(withScenario(training, {}, { tpComm: false }), one);
    const hidden = run(withScenario(training, {}, { tpComm: true }), one);
    const tp = tpSecondsPerLayer(training.comm, false);
    // The backward also re-gathers the sequence-parallel norm outputs for the weight gradients.
    const tpBwd = tp + spRegatherSecondsPerLayer(training.comm, false);
    const left = (comm: number, behind: number) =>
      Math.max(0, comm - behind) + COLLECTIVE_SM_SHARE * Math.min(comm, behind);
    close(hidden.exposed[0].forward, left(tp, exposed.dense.forwardSeconds));
    close(
      hidden.exposed[0].backward,
      left(tpBwd, exposed.dense.backwardInputSeconds + exposed.dense.backwardWeightSeconds),
    );
    expect(hidden.exposed[0].tp).toBeLessThanOrEqual(exposed.exposed[0].tp);
    close(hidden.computeSeconds[0], exposed.computeSeconds[0]);
  });

  it('overlapped TP pays exactly 16/132 of what it hides: never less than the communication beyond compute, never more than none', () => {
    expect(tpExposed(2, 5, true)).toBeCloseTo(2 * (16 / 132), 15); // all hidden
    expect(tpExposed(5, 2, true)).toBeCloseTo(3 + 2 * (16 / 132), 15); // 3 s beyond the GEMMs
    expect(tpExposed(5, 2, false)).toBe(5);
    for (const [comm, compute] of [
      [0.1, 3],
      [3, 0.1],
      [1, 1],
    ]) {
      expect(tpExposed(comm, compute, true)).toBeGreaterThanOrEqual(comm - compute);
      expect(tpExposed(comm, compute, true)).toBeLessThan(tpExposed(comm, compute, false));
    }
  });

  it('reports the TP traffic it hides, which still holds the link: min(comm, compute) forward and backward; none without overlap', () => {
    const one = [chunk({ dense: 1 })];
    const off = run(withScenario(training, {}, { tpComm: false, epComm: false }), one);
    const on = run(withScenario(training, {}, { tpComm: true }), one);
    const tp = tpSecondsPerLayer(training.comm, false);
    const bwd = off.dense.backwardInputSeconds + off.dense.backwardWeightSeconds;
    const tpBwd = tp + spRegatherSecondsPerLayer(training.comm, false);
    expect(off.hiddenComm).toEqual([{ tp: 0, ep: 0 }]);
    close(on.hiddenComm![0].tp, Math.min(tp, off.dense.forwardSeconds) + Math.min(tpBwd, bwd));
  });

  it('reports the all-to-all traffic it hides: what overlap took off the exposed time, over 1 − its SM share', () => {
    const moeChunk = [chunk({ moe: 1 })];
    const off = run(withScenario(training, { microBatches: 8 }, { epComm: false }), moeChunk);
    const on = run(withScenario(training, { microBatches: 8 }, { epComm: true }), moeChunk);
    expect(off.hiddenComm![0].ep).toBe(0);
    expect(on.hiddenComm![0].ep).toBeGreaterThan(0);
    close(on.hiddenComm![0].ep * (1 - COMM_SM_SHARE), off.exposed[0].ep - on.exposed[0].ep);
  });

  it('with TP 1 there is no TP communication at all', () => {
    const r = passTiming(inputOf({ ...TRAINING, parallel: { tp: 1, pp: 4, dp: 4, ep: 4 } }));
    for (const x of r.exposed) expect(x.tp).toBe(0);
  });
});

describe('DeepSeek-V3: the multi-token-prediction module and the recompute of norms and up-projections', () => {
  const v3 = inputOf({
    model: { preset: 'deepseek-v3' },
    hardware: { gpu: 'h800-sxm', count: 64, gpusPerNode: 8 },
    workload: { mode: 'training', globalBatch: 64, seqLen: 4096, microBatches: 16, precision: 'bf16' },
    parallel: { tp: 1, pp: 4, dp: 16, ep: 16 },
  });
  const withModel = (input: PassInput, mtpDepth: number): PassInput => ({
    ...input,
    scenario: { ...input.scenario, model: { ...input.scenario.model, mtpDepth } },
  });
  const withLayer = (input: PassInput, layer: Partial<PassInput['layer']>): PassInput => ({
    ...input,
    layer: { ...input.layer, ...layer },
  });
  const head = chunk({ hasOutputHead: true, moe: 2, fromLayer: 59, toLayer: 61 });
  const middle = chunk({ moe: 2, fromLayer: 30, toLayer: 32 });

  it('the head stage runs per module one more MoE block, the 2h→h projection and the head, 3 passes each', () => {
    const one = run(withModel(v3, 1), [middle, head]);
    const none = run(withModel(v3, 0), [middle, head]);
    const moe = one.moe!;
    const block = moe.forwardSeconds + moe.backwardInputSeconds + moe.backwardWeightSeconds;
    const rows = v3.layer.tokens * v3.layer.microBatch;
    const projection = gemmTiming({ m: rows, k: 2 * 7168, n: 7168 }, v3.layer.device).seconds;
    const headOnly = run(withModel(v3, 0), [chunk({ hasOutputHead: true })]).computeSeconds[0];
    close(one.computeSeconds[1] - none.computeSeconds[1], block + 3 * projection + headOnly);
    expect(one.computeSeconds[0]).toBe(none.computeSeconds[0]);
    close(one.computeParts[1].mtp!, block + 3 * projection);
    // Its all-to-all, like a main MoE layer's.
    close(one.exposed[1].ep - none.exposed[1].ep, one.exposed[0].ep / 2);
  });

  it('serving drops the module', () => {
    const serve = withScenario(withModel(v3, 1), { mode: 'inference' });
    const serveNone = withScenario(withModel(v3, 0), { mode: 'inference' });
    const serveLayer = withLayer(serve, { training: false });
    expect(run(serveLayer, [head]).computeSeconds[0]).toBe(
      run(withLayer(serveNone, { training: false }), [head]).computeSeconds[0],
    );
  });

  it('recomputing norms and up-projections adds the norms (read and write h each, 2 per layer) and the up-projections', () => {
    const plain = withScenario(v3, { recompute: 'none' });
    const off = passTiming(withLayer(plain, { recomputeNormsAndUpProjections: false })).moe!;
    const on = passTiming(withLayer(plain, { recomputeNormsAndUpProjections: true })).moe!;
    const c = v3.layer;
    const norms = memoryOpTiming(c.tokens * c.microBatch * 4 * 7168 * c.device.bytesPerElement, c.device, 2).seconds;
    const up = mlaUpProjections({ ...c }).seconds;
    expect(up).toBeGreaterThan(0);
    close(on.backward.elementwise - off.backward.elementwise, norms);
    close(on.backward.attentionProjections - off.backward.attentionProjections, up);
    expect(on.backwardWeightSeconds).toBe(off.backwardWeightSeconds);
    // Selective recompute already rebuilds the up-projections: only the norms are added.
    const sel = withScenario(v3, { recompute: 'selective' });
    const selOff = passTiming(withLayer(sel, { recomputeNormsAndUpProjections: false })).moe!;
    const selOn = passTiming(withLayer(sel, { recomputeNormsAndUpProjections: true })).moe!;
    expect(selOn.backward.attentionProjections).toBe(selOff.backward.attentionProjections);
    close(selOn.backward.elementwise - selOff.backward.elementwise, norms);
  });
});
