/**
 * Strategy constraints: the rules a parallel layout must follow to run at
 * all (errors) or to make sense (warnings). Each violation states the
 * numbers, the rule and why it exists. Memory and stated-parameter checks
 * need the evaluator and live with it.
 */
import type { Violation } from './violation';
import { SCHEDULES, scheduleById } from '../pipeline/registry';
import type { Scenario } from './types';

type Check = (s: Scenario) => Violation | Violation[] | null;

const error = (code: string, message: string, fields: string[]): Violation => ({
  code,
  message,
  fields,
  severity: 'error',
});
const warning = (code: string, message: string, fields: string[]): Violation => ({
  code,
  message,
  fields,
  severity: 'warning',
});

const gpuCount: Check = ({ parallel: p, hardware: h }) => {
  const used = p.tp * p.pp * p.dp;
  if (used === h.count) return null;
  return error(
    'GPU_COUNT',
    `TP × PP × DP = ${p.tp} × ${p.pp} × ${p.dp} = ${used} GPUs, but the cluster has ${h.count}. ` +
      'Every GPU holds exactly one tensor-, pipeline- and data-parallel position, so the product must equal the GPU count.',
    ['parallel.tp', 'parallel.pp', 'parallel.dp', 'hardware.count'],
  );
};

const epGroup: Check = ({ parallel: p, model }) => {
  if (!model.moe) return null;
  const group = p.ep * p.etp;
  const stage = p.tp * p.dp;
  if (stage % group === 0) return null;
  const head = `EP ${p.ep} × ETP ${p.etp} = ${group} GPUs per expert-parallel group, but each pipeline stage has`;
  const body =
    group > stage
      ? `${head} only TP × DP = ${p.tp} × ${p.dp} = ${stage} GPUs to form it from.`
      : `${head} TP × DP = ${p.tp} × ${p.dp} = ${stage} GPUs, which groups of ${group} do not divide evenly.`;
  return error(
    'EP_GROUP',
    `${body} The expert layers reuse the GPUs of a stage, so whole expert groups must tile them: EP × ETP must divide TP × DP.`,
    ['parallel.ep', 'parallel.etp', 'parallel.tp', 'parallel.dp'],
  );
};

const tpHeads: Check = ({ parallel: p, model: m }) => {
  const out: Violation[] = [];
  if (m.heads % p.tp !== 0) {
    out.push(
      error(
        'TP_HEADS',
        `${m.heads} attention heads cannot be split evenly over TP ${p.tp}. Tensor parallelism gives each GPU whole heads, so the head count must be divisible by TP.`,
        ['model.heads', 'parallel.tp'],
      ),
    );
  }
  // MLA compresses keys and values into one latent that every GPU holds, so only the query heads are split.
  if (!m.mla && m.kvHeads % p.tp !== 0) {
    out.push(
      error(
        'TP_KV_HEADS',
        `${m.kvHeads} key/value heads cannot be split evenly over TP ${p.tp}. Each GPU must hold whole key/value heads for its query heads, ` +
          'so the key/value head count must be divisible by TP (Megatron requires it).',
        ['model.kvHeads', 'parallel.tp'],
      ),
    );
  }
  return out;
};

const ppLayers: Check = ({ parallel: p, model: m }) => {
  const schedule = scheduleById(p.schedule);
  const chunks = schedule.placement(p.pp, p.virtualStages).modelChunks;
  if (m.layers >= chunks) return null;
  const per = schedule.chunksPerDevice(p.virtualStages);
  const what =
    chunks === p.pp
      ? `PP ${p.pp} stages`
      : schedule.usesVirtualStages
        ? `PP ${p.pp} × ${p.virtualStages} virtual stages = ${chunks} model chunks`
        : `${schedule.label} cuts the model into PP ${p.pp} × ${per} = ${chunks} chunks`;
  return error(
    'PP_LAYERS',
    `${what}, but the model has only ${m.layers} layers. Every pipeline chunk needs at least one layer to run.`,
    ['model.layers', 'parallel.pp', 'parallel.virtualStages'],
  );
};

const epExperts: Check = ({ parallel: p, model: m }) => {
  if (!m.moe) {
    if (p.ep === 1 && p.etp === 1) return null;
    return warning(
      'EP_DENSE',
      `EP ${p.ep} and ETP ${p.etp} are set, but the model is dense (no experts). Expert parallelism has nothing to split and is ignored.`,
      ['parallel.ep', 'parallel.etp', 'model.moe'],
    );
  }
  if (m.moe.experts % p.ep === 0) return null;
  return error(
    'EP_EXPERTS',
    `${m.moe.experts} experts cannot be spread evenly over EP ${p.ep}. Each expert-parallel GPU holds the same number of whole experts, ` +
      'so the expert count must be divisible by EP.',
    ['model.moe.experts', 'parallel.ep'],
  );
};

const batchDivisible: Check = ({ parallel: p, workload: w }) => {
  const parts = p.dp * w.microBatches;
  if (w.globalBatch % parts === 0) return null;
  return error(
    'BATCH_DIVISIBLE',
    `A global batch of ${w.globalBatch} sequences cannot be cut into DP ${p.dp} × ${w.microBatches} micro-batches = ${parts} equal parts ` +
      `(${w.globalBatch} / ${parts} = ${(w.globalBatch / parts).toFixed(2)}). Each data-parallel replica runs the same number of equally sized micro-batches.`,
    ['workload.globalBatch', 'parallel.dp', 'workload.microBatches'],
  );
};

/**
 * The schedule's own rules (pipeline/schedules/), and one shared one:
 * virtual stages exist only with a schedule that uses them.
 */
const scheduleRules: Check = ({ parallel: p, workload: w }) => {
  const schedule = scheduleById(p.schedule);
  if (!schedule.usesVirtualStages && p.virtualStages !== 1) {
    const users = SCHEDULES.filter((x) => x.usesVirtualStages)
      .map((x) => x.id)
      .join(', ');
    return error(
      'VIRTUAL_STAGES',
      `${p.virtualStages} virtual stages need a schedule that interleaves model chunks (${users}), but the schedule is ${p.schedule}. ` +
        'Only those give each GPU several model chunks of your choosing; set virtual stages to 1 or switch the schedule.',
      ['parallel.virtualStages', 'parallel.schedule'],
    );
  }
  return schedule.constraints({ stages: p.pp, microBatches: w.microBatches, virtualStages: p.virtualStages });
};

const decodeMode: Check = ({ workload: w }) => {
  if (w.mode !== 'training' || w.phase !== 'decode') return null;
  return warning(
    'DECODE_MODE',
    'The phase is decode, but the mode is training. Decode (generating one token at a time) exists only in inference; training ignores the phase.',
    ['workload.phase', 'workload.mode'],
  );
};

const tpCrossNode: Check = ({ parallel: p, hardware: h }) => {
  if (p.tp <= h.gpusPerNode) return null;
  return warning(
    'TP_CROSS_NODE',
    `TP ${p.tp} is larger than a node of ${h.gpusPerNode} GPUs, so tensor-parallel groups span nodes. ` +
      'TP communicates inside every layer, and between nodes it runs on the much slower inter-node links.',
    ['parallel.tp', 'hardware.gpusPerNode'],
  );
};

const nodeSize: Check = ({ hardware: h }) => {
  if (h.count <= h.gpusPerNode || h.count % h.gpusPerNode === 0) return null;
  return warning(
    'NODE_SIZE',
    `${h.count} GPUs do not fill whole nodes of ${h.gpusPerNode} (${h.count} / ${h.gpusPerNode} = ${(h.count / h.gpusPerNode).toFixed(2)}). ` +
      'Clusters are built from whole nodes, and a partial node changes which groups stay on the fast intra-node links.',
    ['hardware.count', 'hardware.gpusPerNode'],
  );
};

const CHECKS: readonly Check[] = [
  gpuCount,
  epGroup,
  tpHeads,
  ppLayers,
  epExperts,
  batchDivisible,
  scheduleRules,
  decodeMode,
  tpCrossNode,
  nodeSize,
];

/** Every strategy rule the scenario breaks, errors and warnings, in a stable order. */
export function checkStrategy(s: Scenario): Violation[] {
  return CHECKS.flatMap((check) => {
    const v = check(s);
    return v === null ? [] : Array.isArray(v) ? v : [v];
  });
}
