/**
 * The model part of the second parsing pass: start from the named preset (or
 * the seed model), apply the fields given, complete partial `moe`/`mla`
 * blocks, derive headDim, and check the model is buildable at all.
 */
import { modelPreset, type ModelPreset } from '../catalog/models';
import { describeAllowed } from './field-check';
import type { GivenValues } from './read-input';
import { fieldByPath } from './schema';
import type { FieldError, MlaSpec, ModelSpec, MoeSpec } from './types';

export interface Notes {
  errors: FieldError[];
  assumptions: string[];
}

const SEED: ModelPreset = modelPreset('seed-moe')!;
const SEED_MOE: MoeSpec = SEED.spec.moe!;

type Scalar = Exclude<keyof ModelSpec, 'preset' | 'moe' | 'mla' | 'headDim'>;
const SCALARS: readonly Scalar[] = [
  'name',
  'layers',
  'hidden',
  'heads',
  'kvHeads',
  'ffnHidden',
  'gatedFfn',
  'vocab',
  'tiedEmbeddings',
  'statedParams',
];

function fieldError(path: string, value: unknown, text: string): FieldError {
  const def = fieldByPath(path);
  const allowed = def ? describeAllowed(def) : '';
  return { path, value, allowed, message: `${path}: ${text}` };
}

export function resolveModel(given: GivenValues, notes: Notes): ModelSpec {
  const presetId = given.get<string | null>('model.preset') ?? null;
  // The schema only accepts known ids, so the lookup succeeds when an id is given.
  const preset = (presetId && modelPreset(presetId)) || SEED;
  const base = preset.spec;
  const pick = <K extends Scalar>(k: K): ModelSpec[K] =>
    given.has(`model.${k}`) ? given.get<ModelSpec[K]>(`model.${k}`)! : (base[k] as ModelSpec[K]);

  const scalars = Object.fromEntries(SCALARS.map((k) => [k, pick(k)])) as Pick<ModelSpec, Scalar>;
  // Multi-head attention (kvHeads = heads) stays multi-head when only the head count changes.
  if (
    given.has('model.heads') &&
    !given.has('model.kvHeads') &&
    base.kvHeads === base.heads &&
    scalars.kvHeads !== scalars.heads
  ) {
    scalars.kvHeads = scalars.heads;
    notes.assumptions.push(
      `model.kvHeads not given: equal to heads (${scalars.heads}), as in the preset's multi-head attention`,
    );
  }
  if (preset === SEED && !given.has('model.vocab')) {
    notes.assumptions.push(`vocab not given by the source: ${scalars.vocab} assumed`);
  }
  const model: ModelSpec = {
    preset: presetId,
    ...scalars,
    headDim: resolveHeadDim(given, base, scalars.hidden, scalars.heads, notes),
    moe: resolveMoe(given, base.moe, notes),
    mla: resolveMla(given, base.mla, notes),
  };
  const mtpDepth = pick('mtpDepth');
  if (mtpDepth !== undefined) model.mtpDepth = mtpDepth;
  checkModel(model, notes);
  return model;
}

/**
 * headDim follows hidden / heads when the user changes either, unless the
 * preset's head width is independent of them (Qwen3: 2048 / 32 = 64, but 128).
 */
function resolveHeadDim(
  given: GivenValues,
  base: ModelPreset['spec'],
  hidden: number,
  heads: number,
  notes: Notes,
): number {
  if (given.has('model.headDim')) return given.get<number>('model.headDim')!;
  if (!given.has('model.hidden') && !given.has('model.heads')) return base.headDim;
  if (base.headDim * base.heads !== base.hidden) {
    notes.assumptions.push(
      `model.headDim not given: the preset's ${base.headDim} kept, since its head width does not follow hidden / heads`,
    );
    return base.headDim;
  }
  const derived = hidden / heads;
  if (!Number.isInteger(derived)) {
    notes.errors.push(
      fieldError(
        'model.headDim',
        undefined,
        `not given, and hidden / heads = ${hidden} / ${heads} = ${derived.toFixed(2)} is not a whole number; give model.headDim`,
      ),
    );
    return Math.max(1, Math.floor(derived));
  }
  if (derived !== base.headDim)
    notes.assumptions.push(`model.headDim not given: hidden / heads = ${hidden} / ${heads} = ${derived} assumed`);
  return derived;
}

/** moe: null = dense; a partial object is completed from the preset's experts (or the seed's for a dense preset). */
function resolveMoe(given: GivenValues, baseMoe: MoeSpec | null, notes: Notes): MoeSpec | null {
  const state = given.objects.get('model.moe');
  if (state === 'null') return null;
  if (state === undefined) return baseMoe && { ...baseMoe };
  const from = baseMoe ?? SEED_MOE;
  const keys = Object.keys(SEED_MOE) as (keyof MoeSpec)[];
  const out = Object.fromEntries(
    keys.map((k) => [k, given.get<number>(`model.moe.${k}`) ?? from[k]]),
  ) as unknown as MoeSpec;
  // Optional and nullable, so not among the seed's keys: null given means unlimited, absent keeps the preset's.
  const maxNodes = given.has('model.moe.maxNodesPerToken')
    ? given.get<number | null>('model.moe.maxNodesPerToken')
    : from.maxNodesPerToken;
  if (maxNodes !== undefined) out.maxNodesPerToken = maxNodes;
  // A shared expert sized like the routed ones (the usual design) keeps following them.
  if (!given.has('model.moe.sharedExpertHidden') && from.sharedExpertHidden === from.expertHidden) {
    out.sharedExpertHidden = out.expertHidden;
  }
  if (!baseMoe && keys.some((k) => !given.has(`model.moe.${k}`))) {
    notes.assumptions.push("model.moe given for a dense preset: its missing fields come from the seed model's experts");
  }
  return out;
}

/** mla: completed from the preset's MLA; with none to complete from, all five fields are needed. */
function resolveMla(given: GivenValues, baseMla: MlaSpec | null, notes: Notes): MlaSpec | null {
  const state = given.objects.get('model.mla');
  if (state === 'null') return null;
  if (state === undefined) return baseMla && { ...baseMla };
  const keys: (keyof MlaSpec)[] = ['qLoraRank', 'kvLoraRank', 'qkNopeHeadDim', 'qkRopeHeadDim', 'vHeadDim'];
  const out = {} as MlaSpec;
  for (const k of keys) {
    const path = `model.mla.${k}`;
    const v = given.get<number>(path) ?? baseMla?.[k];
    if (v === undefined) {
      // A value given and refused has its own error already: one message per field.
      if (!given.rejected.has(path))
        notes.errors.push(
          fieldError(path, undefined, 'missing; the model has no MLA to complete it from, so give all five MLA fields'),
        );
      out[k] = 1;
    } else out[k] = v;
  }
  return out;
}

/** Rules without which the model cannot be built (not strategy choices: those are constraints.ts). */
function checkModel(m: ModelSpec, notes: Notes): void {
  if (m.heads % m.kvHeads !== 0) {
    notes.errors.push(
      fieldError(
        'model.kvHeads',
        m.kvHeads,
        `${m.kvHeads} key/value heads do not divide ${m.heads} query heads; in grouped-query attention each key/value head serves the same number of query heads`,
      ),
    );
  }
  if (m.moe && m.moe.topK > m.moe.experts) {
    notes.errors.push(
      fieldError(
        'model.moe.topK',
        m.moe.topK,
        `top-${m.moe.topK} routing needs at least ${m.moe.topK} experts, but the model has ${m.moe.experts}`,
      ),
    );
  }
  if (m.moe && m.moe.denseLayers >= m.layers) {
    notes.errors.push(
      fieldError(
        'model.moe.denseLayers',
        m.moe.denseLayers,
        `${m.moe.denseLayers} leading dense layers leave none of the ${m.layers} layers for experts; set model.moe to null for a dense model`,
      ),
    );
  }
}
