/**
 * What a pipeline schedule is, as data the rest of the core reads: where
 * each model chunk runs, the op list of every device, how many micro-batches
 * it keeps in flight, its textbook bubble and its rules. One file per
 * schedule implements this (schedules/), and registry.ts lists them; nothing
 * else in the core or the UI knows a schedule by name.
 */
import type { ChunkDurations } from './types';
import { formatPct, roundSig } from '../format/number';

/**
 * Where the virtual stages run. A micro-batch passes virtual stages
 * lane.first … lane.last in order (forwards) and back (backwards).
 */
export interface Placement {
  /** Virtual stages V = P × chunks per device. */
  virtualStages: number;
  chunksPerDevice: number;
  /** Device running virtual stage j. */
  deviceOf: Int32Array;
  /** Virtual stage of (device d, chunk c), at index d × chunksPerDevice + c. */
  stageOf: Int32Array;
  /** Which layer range ("model chunk") virtual stage j computes; 0 … modelChunks − 1. */
  modelChunkOf: Int32Array;
  /** Distinct layer ranges the model is split into. */
  modelChunks: number;
  /** Micro-batch paths (most schedules: one, through all virtual stages). */
  lanes: { first: number; last: number }[];
}

/** P devices, m micro-batches and the scenario's virtual stages (each schedule reads them through chunksPerDevice). */
export interface ScheduleShape {
  stages: number;
  microBatches: number;
  virtualStages: number;
}

export interface TextbookInput extends ScheduleShape {
  /** Seconds per chunk and micro-batch, equal on every virtual stage. */
  durations: ChunkDurations;
  /** Inference: forwards only. */
  forwardOnly: boolean;
}

/** The schedule's bubble with equal stages and free transfers, in closed form. */
export interface TextbookBubble {
  /** Idle share of the makespan, averaged over devices. */
  fraction: number;
  /** Idle seconds of each device. */
  idleSeconds: number;
  /** The formula with its numbers: "(P−1)/(m+P−1) = 3/11 = 27.3%". */
  formula: string;
  /** The paper's own form where this simulator's exact formula differs from it. */
  paperForm: string | null;
  /** False outside the schedule's rules, where no textbook value exists (fraction 0, formula says why). */
  applies: boolean;
}

/** A rule of the schedule that the scenario breaks (the evaluation's Violation shape). */
export interface ScheduleViolation {
  code: string;
  message: string;
  fields: string[];
  severity: 'error' | 'warning';
}

export interface PipelineSchedule<Id extends string = string> {
  readonly id: Id;
  /** Short name for menus and legends: "DualPipe". */
  readonly label: string;
  /** One line with its source: "DualPipe: … (DeepSeek-V3 report §3.2.1)". */
  readonly longLabel: string;
  /** The virtual-stages field applies (the control shows only then). */
  readonly usesVirtualStages: boolean;
  /** Copies of each device's share of the weights it keeps (DualPipe: 2, DeepSeek-V3 Table 2). */
  readonly parameterCopies: number;
  /** Which backwards are split into B (input gradients) and a later W (weight gradients). */
  readonly backwardSplit: 'none' | 'some' | 'all';
  /** Modelling assumptions specific to this schedule, for the evaluation's list. */
  readonly notes: readonly string[];
  /** Model chunks per device, given the scenario's virtual stages. */
  chunksPerDevice(virtualStages: number): number;
  placement(stages: number, virtualStages: number): Placement;
  /** The lane (placement.lanes index) micro-batch mb takes. */
  laneOf(microBatch: number, microBatches: number): number;
  /** What each chunk of a device is, for the Gantt legend: ["stage i", "stage 2P−1−i"]. */
  chunkNames(virtualStages: number): string[];
  /** Each device's op list, packed (ops.ts), in the order the device runs them. */
  deviceOrders(shape: ScheduleShape, forwardOnly: boolean): Int32Array[];
  /** Ops over all devices (the blocks a simulation draws). */
  blocks(shape: ScheduleShape, forwardOnly: boolean): number;
  /**
   * Training: most micro-batches whose activations device d holds at once,
   * counting a micro-batch from its forward to its backward (B), in units of
   * one micro-batch through all of the device's chunks.
   */
  inFlightMicroBatches(shape: ScheduleShape, device: number): number;
  textbookBubble(input: TextbookInput): TextbookBubble;
  /** The schedule's own rules (field paths as in the scenario format). */
  constraints(shape: ScheduleShape): ScheduleViolation[];
  /** Micro-batch counts the schedule runs with: at least min, in steps of step (for partial simulation). */
  microBatchGrid(stages: number): { min: number; step: number };
}

/**
 * Placements are built once per shape and shared: the evaluator asks for the
 * same one several times per evaluation. Callers must not write to them.
 */
const placements = new Map<string, Placement>();

function cached(key: string, build: () => Placement): Placement {
  let p = placements.get(key);
  if (!p) {
    p = build();
    if (placements.size >= 64) placements.delete(placements.keys().next().value!);
    placements.set(key, p);
  }
  return p;
}

/** The fields every schedule with one model chunk per device (stage d on device d) shares. */
export const ONE_CHUNK_PER_DEVICE = {
  usesVirtualStages: false,
  parameterCopies: 1,
  chunksPerDevice: () => 1,
  placement: (P: number) => roundRobinPlacement(P, 1),
  laneOf: () => 0,
  chunkNames: () => ['its stage'],
} as const;

/**
 * GPipe's and 1F1B's textbook bubble (Huang et al. 2019; Narayanan et al.
 * 2021): every device idles P−1 block times while the pipe fills and drains,
 * (P−1)/(m+P−1); a block is F, or F+B+W in training.
 */
export function fillAndDrainBubble(s: {
  stages: number;
  microBatches: number;
  durations: { forward: number; backwardInput: number; backwardWeight: number };
  forwardOnly: boolean;
}) {
  const d = s.durations;
  const block = s.forwardOnly ? d.forward : d.forward + d.backwardInput + d.backwardWeight;
  return bubbleOf('(P−1)/(m+P−1)', s.stages - 1, s.microBatches, block);
}

/** Chunk c of device d is virtual stage c·P + d (Megatron's interleaving; one chunk: stage d). */
export function roundRobinPlacement(P: number, v: number): Placement {
  return cached(`rr|${P}|${v}`, () => {
    const V = P * v;
    const deviceOf = new Int32Array(V);
    const stageOf = new Int32Array(V);
    const modelChunkOf = new Int32Array(V);
    for (let j = 0; j < V; j++) {
      const d = j % P;
      deviceOf[j] = d;
      stageOf[d * v + (j - d) / P] = j;
      modelChunkOf[j] = j;
    }
    return {
      virtualStages: V,
      chunksPerDevice: v,
      deviceOf,
      stageOf,
      modelChunkOf,
      modelChunks: V,
      lanes: [{ first: 0, last: V - 1 }],
    };
  });
}

/**
 * Device d holds virtual stages d and 2P−1−d: a "V" down and back up the
 * devices. `name` tells schedules with different layer ranges or lanes apart.
 */
export function vShapePlacement(
  name: string,
  P: number,
  modelChunkOf: (j: number) => number,
  lanes: Placement['lanes'],
): Placement {
  return cached(`v|${name}|${P}`, () => {
    const V = 2 * P;
    const deviceOf = new Int32Array(V);
    const stageOf = new Int32Array(V);
    const model = new Int32Array(V);
    let modelChunks = 0;
    for (let j = 0; j < V; j++) {
      const d = j < P ? j : V - 1 - j;
      deviceOf[j] = d;
      stageOf[d * 2 + (j < P ? 0 : 1)] = j;
      model[j] = modelChunkOf(j);
      modelChunks = Math.max(modelChunks, model[j] + 1);
    }
    return { virtualStages: V, chunksPerDevice: 2, deviceOf, stageOf, modelChunkOf: model, modelChunks, lanes };
  });
}

const pct = (x: number) => formatPct(100 * x);
/** Block counts and durations in the formula: whole numbers as they are, others to four significant figures. */
const num = (x: number) => String(Number.isInteger(x) ? x : roundSig(x, 4));

/**
 * A textbook bubble from a device's idle and busy time in some unit (a
 * count of blocks, or seconds with unitSeconds = 1), spelled out as
 * "words = idle/total = x%" and an optional note after it.
 */
export function bubbleOf(
  words: string,
  idle: number,
  busy: number,
  unitSeconds: number,
  paperForm: string | null = null,
  note = '',
): TextbookBubble {
  const total = idle + busy;
  const fraction = total > 0 ? idle / total : 0;
  return {
    fraction,
    idleSeconds: idle * unitSeconds,
    formula: `${words} = ${num(idle)}/${num(total)} = ${pct(fraction)}${note}`,
    paperForm,
    applies: true,
  };
}

/** No textbook value: the shape breaks the schedule's rules, and `why` says which. */
export function noTextbook(why: string, paperForm: string | null): TextbookBubble {
  return { fraction: 0, idleSeconds: 0, formula: why, paperForm, applies: false };
}

/** The F, B, W of a textbook formula, spelled out ("F=1, B=2, W=1 ms"). */
export function durationsText(d: ChunkDurations): string {
  const unit = Math.max(d.forward, d.backwardInput, d.backwardWeight);
  const [scale, name] = unit >= 1 ? [1, 's'] : unit >= 1e-3 ? [1e3, 'ms'] : [1e6, 'µs'];
  return `F=${num(d.forward * scale)}, B=${num(d.backwardInput * scale)}, W=${num(d.backwardWeight * scale)} ${name}`;
}

/** A violation in the scenario format's words. */
export const scheduleError = (code: string, message: string, fields: string[]): ScheduleViolation => ({
  code,
  message,
  fields,
  severity: 'error',
});
export const scheduleWarning = (code: string, message: string, fields: string[]): ScheduleViolation => ({
  code,
  message,
  fields,
  severity: 'warning',
});
