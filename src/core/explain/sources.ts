/** Where each formula comes from: the papers the cost model (spec/cost-model.md) follows. */
import type { Source } from './types';

const MEGATRON_2021 =
  'Narayanan et al. 2021, "Efficient Large-Scale Language Model Training on GPU Clusters Using Megatron-LM"';
const ZERO_BUBBLE = 'Qi et al. 2024, "Zero Bubble Pipeline Parallelism"';

export const SOURCES = {
  costModel: (section: string): Source => ({ paper: 'MoE Strategy Explorer cost model (spec/cost-model.md)', section }),
  megatronFlops: { paper: MEGATRON_2021, section: '§5.1, eq. 3 (model FLOPs per iteration)' },
  kaplan: {
    paper: 'Kaplan et al. 2020, "Scaling Laws for Neural Language Models"',
    section: '§2.1 (C ≈ 6·N FLOPs per training token)',
  },
  palmMfu: {
    paper: 'Chowdhery et al. 2022, "PaLM: Scaling Language Modeling with Pathways"',
    section: 'Appendix B (model FLOPs utilization)',
  },
  zero: {
    paper: 'Rajbhandari et al. 2020, "ZeRO: Memory Optimizations Toward Training Trillion Parameter Models"',
    section: '§3.1 (2 + 2 + 12 bytes per parameter) and §5 (sharding by stage)',
  },
  korthikanti: {
    paper: 'Korthikanti et al. 2022, "Reducing Activation Recomputation in Large Transformer Models"',
    section: '§4, Table 2 (activation bytes per layer)',
  },
  megatronTp: {
    paper:
      'Shoeybi et al. 2019, "Megatron-LM: Training Multi-Billion Parameter Language Models Using Model Parallelism"',
    section: '§3 (two all-reduces per layer forward, two backward)',
  },
  gshard: {
    paper: 'Lepikhin et al. 2020, "GShard: Scaling Giant Models with Conditional Computation and Automatic Sharding"',
    section: '§2.2 (dispatch and combine all-to-all)',
  },
  switch: { paper: 'Fedus et al. 2021, "Switch Transformers"', section: '§2.2 (capacity factor and load balance)' },
} satisfies Record<string, Source | ((s: string) => Source)>;

/** The paper of each pipeline schedule's bubble formula. */
export const SCHEDULE_SOURCES: Record<string, Source> = {
  gpipe: {
    paper: 'Huang et al. 2019, "GPipe: Efficient Training of Giant Neural Networks using Pipeline Parallelism"',
    section: '§2.3 (bubble (P−1)/(m+P−1))',
  },
  '1f1b': { paper: MEGATRON_2021, section: '§2.2.1 (1F1B bubble (p−1)/m of the ideal time)' },
  'interleaved-1f1b': { paper: MEGATRON_2021, section: '§2.2.2 (interleaved bubble (p−1)/(v·m))' },
  'zb-h1': { paper: ZERO_BUBBLE, section: '§3.1 (ZB-H1: idle (P−1)(F+B−W))' },
  'zb-v': { paper: ZERO_BUBBLE, section: '§6 (ZB-V)' },
  dualpipe: { paper: 'DeepSeek-AI 2024, "DeepSeek-V3 Technical Report"', section: '§3.2.1, Table 2 (DualPipe bubble)' },
};
