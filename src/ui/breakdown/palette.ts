/**
 * Categorical colours of the breakdown charts, all Okabe–Ito (theme.css) so
 * they stay apart under the common colour-vision deficiencies. Vermillion is
 * kept away from memory parts because the memory chart uses red for
 * "over capacity".
 */
import type { MemoryBreakdown, TimeSummary } from '../../core';
import { BUBBLE_TERMS } from '../../core';

export interface Part<K extends string> {
  key: K;
  label: string;
  color: string;
  /** One line on what the part is, shown as a tooltip. */
  description: string;
}

export type MemoryPartKey = keyof MemoryBreakdown | 'other';

export const MEMORY_PARTS: readonly Part<MemoryPartKey>[] = [
  { key: 'weights', label: 'Weights', color: 'var(--oi-blue)', description: 'Model parameters held by this GPU' },
  {
    key: 'gradients',
    label: 'Gradients',
    color: 'var(--oi-sky)',
    description: 'Gradients of those parameters (training)',
  },
  {
    key: 'optimizer',
    label: 'Optimizer',
    color: 'var(--oi-purple)',
    description: 'Optimizer state, e.g. Adam moments and fp32 master weights',
  },
  {
    key: 'activations',
    label: 'Activations',
    color: 'var(--oi-orange)',
    description: 'Activations kept for the backward pass or the forward in flight',
  },
  {
    key: 'kvCache',
    label: 'KV cache',
    color: 'var(--oi-green)',
    description: 'Attention keys and values cached for inference',
  },
  {
    key: 'buffers',
    label: 'Buffers',
    color: 'var(--oi-yellow)',
    description: 'Communication buffers and the runtime reserve',
  },
];

/** Any bytes the parts do not account for; normally zero. */
export const MEMORY_OTHER: Part<MemoryPartKey> = {
  key: 'other',
  label: 'Other',
  color: '#8c959f',
  description: 'Memory not attributed to a part',
};

export type TimePartKey = 'compute' | keyof TimeSummary['exposedCommSeconds'] | 'bubble' | 'optimizer' | 'other';

/*
 * Neighbours on the step bar differ in lightness or hue as a deuteranope or
 * protanope sees them (breakdown.test.tsx simulates both, Machado et al.
 * 2009): light yellow TP beside dark vermillion EP, purple PP beside orange
 * DP, green optimizer beside dark grey "other". TP and EP also carry the
 * Gantt's textures (stripes, dots) and their names in the bar.
 */
export const TIME_PARTS: readonly Part<TimePartKey>[] = [
  { key: 'compute', label: 'Compute', color: 'var(--oi-blue)', description: 'GPU kernels doing the model math' },
  {
    key: 'tp',
    label: 'TP comm.',
    color: 'var(--oi-yellow)',
    description: 'Tensor-parallel collectives not hidden behind compute (striped, as in the Gantt)',
  },
  {
    key: 'ep',
    label: 'EP comm.',
    color: 'var(--oi-vermillion)',
    description: 'Expert-parallel all-to-all not hidden behind compute (dotted, as in the Gantt)',
  },
  {
    key: 'pp',
    label: 'PP comm.',
    color: 'var(--oi-purple)',
    description: 'Pipeline sends between stages not hidden behind compute',
  },
  {
    key: 'dp',
    label: 'DP comm.',
    color: 'var(--oi-orange)',
    description: 'Data-parallel gradient reduction not hidden behind compute',
  },
  {
    key: 'bubble',
    label: BUBBLE_TERMS.pipelineWait.label,
    color: 'var(--bubble)',
    description: BUBBLE_TERMS.pipelineWait.definition,
  },
  {
    key: 'optimizer',
    label: 'Optimizer',
    color: 'var(--oi-green)',
    description: 'Optimizer step and other per-step work',
  },
];

/** The step time the named parts leave unexplained. */
export const TIME_OTHER: Part<TimePartKey> = {
  key: 'other',
  label: 'Other',
  color: '#57606a',
  description: 'Step time not attributed to a named part',
};

/** The texture a part carries on top of its colour: TP and EP as in the Gantt's comm tails. */
export function partTexture(part: string): 'stripes' | 'dots' | null {
  return part === 'tp' ? 'stripes' : part === 'ep' ? 'dots' : null;
}

/** The short name printed in a textured segment beside its percentage ("TP 12%"). */
export function partTag(part: string): string | null {
  return part === 'tp' ? 'TP' : part === 'ep' ? 'EP' : null;
}

/** Light fills need an outline to be seen on the white panel; idle time gets a dashed one. */
export function partOutline(part: string): 'solid' | 'dashed' | null {
  return part === 'bubble' ? 'dashed' : part === 'buffers' || part === 'tp' ? 'solid' : null;
}
