/**
 * DeepSeek-V3's multi-token prediction (report, arXiv 2412.19437, 2.2): D
 * sequential modules, module k predicting token i + k + 1. Each one takes the
 * previous depth's hidden state and the embedding of the next token, applies
 * an RMSNorm to each, concatenates them, projects 2h → h (M_k) and runs one
 * transformer block (TRM_k, the shape of the main model's last layer: an MoE
 * layer in V3); the embedding and the output head are shared with the main
 * model, but the head runs once more per token for each module's loss. The
 * modules are trained and dropped for serving ("the MTP modules can be
 * discarded", 2.2), so they cost nothing in inference. The published 671B
 * leaves them out ("671B of main model and 14B of MTP", the 14B counting the
 * shared embedding and head the checkpoint stores again).
 */
import type { ModelSpec } from '../scenario/types';
import { layerParams, sumLayerParams, type LayerParams } from './params';

/** Modules D that the model trains (absent = 0). */
export function mtpDepth(model: ModelSpec): number {
  return model.mtpDepth ?? 0;
}

/** The layer whose shape the MTP block has: the main model's last one. */
export function mtpBlockLayer(model: ModelSpec): number {
  return model.layers - 1;
}

/** Own parameters of one MTP module: its block, the 2h×h projection M_k and the two input RMSNorms. */
export interface MtpModuleParams {
  block: LayerParams;
  projection: number;
  norms: number;
  total: number;
}

export function mtpModuleParams(model: ModelSpec): MtpModuleParams {
  const block = layerParams(model, mtpBlockLayer(model));
  const projection = 2 * model.hidden * model.hidden;
  const norms = 2 * model.hidden;
  return { block, projection, norms, total: sumLayerParams(block) + projection + norms };
}

/** Own parameters of all D modules (the shared embedding and head not counted again). */
export function mtpParams(model: ModelSpec): number {
  return mtpDepth(model) * mtpModuleParams(model).total;
}
