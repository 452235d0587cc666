/**
 * The time figures: step time (latency when serving), throughput, MFU,
 * communication overhead and GPU utilization, each from the evaluation's own
 * parts (evaluate/step.ts lays the step out as these parts end to end).
 */
import type { Evaluation } from '../evaluation';
import { OPTIMIZER_NAME } from '../physics/optimizerState';
import { derive, sumOfParts, zeroNote } from './derive';
import { SCHEDULE_SOURCES, SOURCES } from './sources';
import type { Derivation, Term } from './types';

const isTraining = (e: Evaluation) => e.scenario.workload.mode === 'training';
const isDecode = (e: Evaluation) => !isTraining(e) && e.scenario.workload.phase === 'decode';

/** The step (latency) symbol: the headline's word. */
export const stepSymbol = (e: Evaluation) => (isTraining(e) ? 'T_step' : 'L');

/** The step time's parts on the GPU that sets the step (the time bar's segments). */
function stepParts(e: Evaluation): Term[] {
  const t = e.time;
  return [
    {
      symbol: 'T_compute',
      value: t.computeSeconds,
      unit: 's',
      meaning:
        'Compute of the busiest pipeline stage over the step: every block’s roofline time, max(FLOPs / achieved FLOP/s, bytes / achieved bandwidth) (cost model §4).',
    },
    {
      symbol: 'T_TP',
      value: t.exposedCommSeconds.tp,
      unit: 's',
      meaning:
        'Tensor-parallel all-reduces (or all-gather + reduce-scatter) not hidden behind compute: 2 per layer forward, 2 backward (Megatron-LM §3).',
    },
    {
      symbol: 'T_EP',
      value: t.exposedCommSeconds.ep,
      unit: 's',
      meaning: 'Expert-parallel dispatch and combine all-to-alls not hidden behind compute (GShard §2.2).',
    },
    {
      symbol: 'T_PP',
      value: t.exposedCommSeconds.pp,
      unit: 's',
      meaning:
        'Waiting for point-to-point sends between pipeline stages: the simulated run minus the same run with free transfers.',
    },
    {
      symbol: 'T_wait',
      value: t.bubbleSeconds,
      unit: 's',
      meaning: 'Pipeline wait: the busiest stage idles until other stages hand it work (the bubble, in seconds).',
    },
    {
      symbol: 'T_DP',
      value: t.exposedCommSeconds.dp,
      unit: 's',
      meaning:
        'Data-parallel gradient reduce (and ZeRO gathers) not hidden: overlapped, they queue on one link behind the last backward (reduce) and the first forward, or with ZeRO-3 all compute (gathers), and what they hide still takes its share of the SMs.',
    },
    {
      symbol: 'T_opt',
      value: t.optimizerSeconds,
      unit: 's',
      meaning: `The optimizer step after the pipeline: reading and writing the weights, gradients and ${OPTIMIZER_NAME[e.scenario.workload.optimizer]} state (memory-bound).`,
    },
  ];
}

export function explainStepTime(e: Evaluation): Derivation {
  const training = isTraining(e);
  const parts = stepParts(e);
  const sum = parts.reduce((a, p) => a + p.value, 0);
  // The parts lay the step out end to end; a remainder (overlap the parts do not itemize) is shown as its own term, as the time bar does.
  const rest = e.latencySeconds - sum;
  if (Math.abs(rest) > 1e-9 * Math.max(e.latencySeconds, 1e-30)) {
    parts.push({
      symbol: 'T_other',
      value: rest,
      unit: 's',
      meaning: 'What the named parts do not account for (overlap between them): the time bar shows it as "other".',
    });
  }
  const { expr, terms, zero } = sumOfParts(parts, (t) => t.symbol === 'T_compute' || t.value !== 0);
  const w = e.scenario.workload;
  const what = training
    ? 'One training step: every micro-batch’s forward and backward through the pipeline, then the gradient sync and the optimizer.'
    : isDecode(e)
      ? `Decoding ${w.decodeTokens} tokens for the whole batch: one forward per token through every pipeline stage.`
      : 'The prefill of the whole batch: one forward of every prompt through every pipeline stage, until the last micro-batch leaves the last stage.';
  return derive({
    id: 'latency',
    title: training ? 'Step time' : 'Latency',
    symbol: stepSymbol(e),
    expr,
    terms,
    unit: 's',
    source: [
      SOURCES.costModel('§6 (discrete-event pipeline simulation; step = makespan + exposed DP + optimizer)'),
      ...(e.scenario.parallel.pp > 1 && SCHEDULE_SOURCES[e.pipeline.schedule]
        ? [SCHEDULE_SOURCES[e.pipeline.schedule]]
        : []),
      SOURCES.costModel('§4–5 (roofline block times; α–β communication)'),
    ],
    notes: [
      what,
      'Each part is on the GPU that sets the step (the busiest pipeline stage); the Gantt chart shows the simulated schedule.',
      ...zeroNote(zero, 'Zero here'),
    ],
  });
}

export function explainThroughput(e: Evaluation): Derivation {
  const w = e.scenario.workload;
  const training = isTraining(e);
  const decode = isDecode(e);
  const B: Term = {
    symbol: 'B',
    value: w.globalBatch,
    unit: 'count',
    meaning: 'Sequences per step (the global batch, over all data-parallel replicas).',
  };
  const s: Term = decode
    ? { symbol: 'n_out', value: w.decodeTokens, unit: 'tokens', meaning: 'Output tokens decoded per sequence.' }
    : {
        symbol: 's',
        value: w.seqLen,
        unit: 'tokens',
        meaning: training ? 'Tokens per sequence (sequence length).' : 'Prompt tokens per sequence (sequence length).',
      };
  const T: Term = {
    symbol: stepSymbol(e),
    value: e.latencySeconds,
    unit: 's',
    meaning: training
      ? 'Step time (its own derivation: open "Step time").'
      : 'Latency of the batch (its own derivation: open "Latency").',
  };
  return derive({
    id: 'throughput',
    title: 'Throughput',
    symbol: 'X',
    expr: `B · ${s.symbol} / ${T.symbol}`,
    terms: [B, s, T],
    unit: 'tokens/s',
    source: [SOURCES.costModel('§6 (tokens processed per step over the step time, whole cluster)')],
    notes: [
      training
        ? 'Tokens trained per second by the whole cluster.'
        : decode
          ? 'Output tokens per second by the whole cluster.'
          : 'Prompt tokens prefilled per second by the whole cluster.',
    ],
  });
}

export function explainMfu(e: Evaluation): Derivation {
  const { workload: w, parallel: p, hardware: hw } = e.scenario;
  const training = isTraining(e);
  // MFU counts the attention core as the time does (evaluate.ts): the causal half under FlashAttention.
  const F = w.flashAttention ? e.flops.modelPerStepCausal : e.flops.modelPerStep;
  const N = p.tp * p.pp * p.dp;
  const tokens = w.globalBatch * (isDecode(e) ? w.decodeTokens : w.seqLen);
  const perToken = training ? 6 : 2;
  const rule = perToken * e.params.active * tokens;
  const moe = e.scenario.model.moe !== null;
  return derive({
    id: 'mfu',
    title: 'MFU (model FLOPs utilization)',
    symbol: 'MFU',
    expr: '100 · F / (T_step · N · R_peak)',
    terms: [
      {
        symbol: 'F',
        value: F,
        unit: 'FLOP',
        meaning: `Model FLOPs per step: ${training ? 'forward + backward (3 × forward: ' : 'one forward ('}2 FLOPs per active parameter per token, plus the attention core${w.flashAttention ? ', its causal half as a FlashAttention kernel executes it' : ' over the full s×s'}${moe && w.flashAttention ? "; the router's small GEMM is left out, as Megatron-Core's count does" : ''}), no recomputation.`,
      },
      {
        symbol: 'T_step',
        value: e.time.stepSeconds,
        unit: 's',
        meaning: training ? 'Step time (its own derivation: open "Step time").' : 'Time of the pass (latency).',
      },
      {
        symbol: 'N',
        value: N,
        unit: 'GPUs',
        meaning: `GPUs the strategy uses: TP × PP × DP = ${p.tp} × ${p.pp} × ${p.dp}.`,
      },
      {
        symbol: 'R_peak',
        value: hw.peakTflops * 1e12,
        unit: 'FLOP/s',
        meaning: `Peak dense FLOP/s of one GPU at ${w.precision} (hardware.peakTflops).`,
      },
    ],
    unit: '%',
    source: [SOURCES.palmMfu, SOURCES.megatronFlops, SOURCES.kaplan],
    notes: [
      `Rule of thumb: ${perToken}·N_active·D = ${perToken} × ${e.params.active.toLocaleString('en-US')} × ${tokens.toLocaleString('en-US')} tokens = ${(rule / 1e15).toPrecision(4)} PFLOP; F above also counts the attention core${moe && !w.flashAttention ? ' and the router' : ''}${e.tokenDropPct > 0 ? ', less the expert work of dropped tokens' : ''}.`,
      `Hardware FLOPs (the full s×s attention core${moe ? ', the router' : ''}${training && w.recompute !== 'none' ? ' and the recomputed work' : ''}) give ${e.hardwareTflopsPerGpu.toPrecision(4)} TFLOP/s per GPU against ${e.modelTflopsPerGpu.toPrecision(4)} TFLOP/s of model FLOPs.`,
    ],
  });
}

export function explainCommOverhead(e: Evaluation): Derivation {
  const all = stepParts(e).filter((t) => ['T_TP', 'T_EP', 'T_PP', 'T_DP'].includes(t.symbol));
  const compute = stepParts(e)[0];
  const { expr, terms, zero } = sumOfParts(all);
  return derive({
    id: 'commOverhead',
    title: 'Communication overhead (of compute)',
    symbol: 'C_comm',
    // A zero numerator still reads as a ratio: 100 · 0 / T_compute.
    expr:
      compute.value <= 0
        ? '0'
        : terms.length === 0
          ? '100 · 0 / T_compute'
          : terms.length === 1
            ? `100 · ${expr} / T_compute`
            : `100 · (${expr}) / T_compute`,
    terms: [...terms, compute],
    unit: '%',
    source: [
      SOURCES.costModel('§5 (α–β model; exposed communication / compute time)'),
      SOURCES.megatronTp,
      SOURCES.gshard,
    ],
    notes: [
      'Only communication not hidden behind compute counts; overlapped transfers cost nothing here.',
      ...zeroNote(zero, 'No exposed time'),
    ],
  });
}

export function explainGpuUtilization(e: Evaluation): Derivation {
  // Recorded since this derivation was added; older evaluations recover it from the percentage.
  const busy = e.time.meanBusySeconds ?? (e.gpuUtilizationPct / 100) * e.time.stepSeconds;
  return derive({
    id: 'gpuUtilization',
    title: 'GPU utilization',
    symbol: 'U',
    expr: '100 · T_busy / T_step',
    terms: [
      {
        symbol: 'T_busy',
        value: busy,
        unit: 's',
        meaning:
          'Seconds each GPU computes during the step, averaged over all GPUs (a GPU whose experts get fewer tokens is busy less).',
      },
      {
        symbol: 'T_step',
        value: e.time.stepSeconds,
        unit: 's',
        meaning: isTraining(e)
          ? 'Step time (its own derivation: open "Step time").'
          : 'Time of the pass (the latency of the batch).',
      },
    ],
    unit: '%',
    source: [SOURCES.costModel('§6–7 (busy time per GPU, straggler effect)')],
    notes: ['Waiting (pipeline bubble, exposed communication, a slower expert-parallel peer) is the rest.'],
  });
}
