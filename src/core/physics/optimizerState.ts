/**
 * What each optimizer keeps per parameter, in fp32 (mixed-precision training,
 * Micikevicius et al. 2018; the ZeRO paper's K = 12 for Adam, Rajbhandari et
 * al. 2020).
 */
import type { Optimizer } from '../scenario/types';

/** The tensors of optimizer state, one element per parameter each. */
export const OPTIMIZER_STATE: Record<Optimizer, readonly string[]> = {
  // Adam (Kingma & Ba 2015): first and second moments.
  adam: ['master weights', 'first moment', 'second moment'],
  // SGD with momentum: one momentum buffer.
  sgd: ['master weights', 'momentum'],
};

/** The optimizer's name as the text says it. */
export const OPTIMIZER_NAME: Record<Optimizer, string> = {
  adam: 'Adam',
  sgd: 'SGD with momentum',
};

/** Elements of optimizer state per parameter: Adam 3, SGD with momentum 2. */
export function optimizerStateElements(optimizer: Optimizer): number {
  return OPTIMIZER_STATE[optimizer].length;
}
