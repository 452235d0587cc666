/**
 * Test support (Node only): the published models of
 * ../shared/fixtures/models.json as ModelSpec objects, with the fields the
 * fixture leaves out filled in, and a dense GPT as the papers assume it.
 * Lives outside src/core: it reads files, and the core does no I/O.
 */
import type { MlaSpec, ModelSpec, MoeSpec } from '../src/core/scenario/types';
import { readFixture } from '../src/calibration/fixtures';

/** A model entry of the fixture: the scenario's model fields, some left out, plus the publisher's figures. */
export type FixtureModel = Pick<
  ModelSpec,
  'name' | 'layers' | 'hidden' | 'heads' | 'kvHeads' | 'headDim' | 'gatedFfn' | 'tiedEmbeddings'
> & {
  vocab: number | null;
  ffnHidden?: number;
  mla?: MlaSpec | null;
  moe:
    | (Omit<MoeSpec, 'sharedExpertHidden' | 'layerFrequency'> &
        Partial<Pick<MoeSpec, 'sharedExpertHidden' | 'layerFrequency'>>)
    | null;
  published: { total: number; active: number | null; activeCounts?: string };
};

/** The vocabulary the seed does not state (an explicit assumption of the scenario format). */
export const SEED_VOCAB = 32000;

/** The fixture's models (../shared/fixtures/models.json). */
export function loadFixtureModels(): FixtureModel[] {
  return readFixture<{ models: FixtureModel[] }>('models.json').models;
}

/**
 * ModelSpec from a fixture entry. Fill-ins: ffnHidden = 4h for dense models
 * without one, expertHidden for MoE models without one (only used by dense
 * layers, which those models do not have); layerFrequency 1;
 * sharedExpertHidden = expertHidden; mla null; vocab 32000 when null.
 */
export function toModelSpec(m: FixtureModel): ModelSpec {
  return {
    preset: null,
    name: m.name,
    layers: m.layers,
    hidden: m.hidden,
    heads: m.heads,
    kvHeads: m.kvHeads,
    headDim: m.headDim,
    ffnHidden: m.ffnHidden ?? (m.moe ? m.moe.expertHidden : 4 * m.hidden),
    gatedFfn: m.gatedFfn,
    vocab: m.vocab ?? SEED_VOCAB,
    tiedEmbeddings: m.tiedEmbeddings,
    moe: m.moe && {
      experts: m.moe.experts,
      topK: m.moe.topK,
      expertHidden: m.moe.expertHidden,
      sharedExperts: m.moe.sharedExperts,
      sharedExpertHidden: m.moe.sharedExpertHidden ?? m.moe.expertHidden,
      denseLayers: m.moe.denseLayers,
      layerFrequency: m.moe.layerFrequency ?? 1,
    },
    mla: m.mla ?? null,
    statedParams: m.published.total,
  };
}

/** A dense GPT as Narayanan et al. 2021 assume it: f = 4h, a·d_h = h, MHA, GeLU, tied embeddings. */
export function denseGpt(layers: number, hidden: number, heads: number, vocab: number): ModelSpec {
  return {
    preset: null,
    name: `GPT L${layers} h${hidden}`,
    layers,
    hidden,
    heads,
    kvHeads: heads,
    headDim: hidden / heads,
    ffnHidden: 4 * hidden,
    gatedFfn: false,
    vocab,
    tiedEmbeddings: true,
    moe: null,
    mla: null,
    statedParams: null,
  };
}
