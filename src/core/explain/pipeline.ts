/**
 * The pipeline bubble: the simulated one as its run's idle share, beside the
 * schedule's textbook formula (Narayanan et al. 2021 §2.2 for 1F1B) with this
 * scenario's numbers, and why they differ.
 */
import type { Evaluation } from '../evaluation';
import { scheduleById } from '../pipeline';
import { derive } from './derive';
import { SCHEDULE_SOURCES, SOURCES } from './sources';
import type { Derivation } from './types';

export function explainBubble(e: Evaluation): Derivation {
  const p = e.pipeline;
  // Recorded since this derivation was added; older evaluations recover the busy time from the fraction.
  const run = p.simulatedMakespanSeconds ?? p.makespanSeconds;
  const busy = p.simulatedBusySeconds ?? (1 - p.simulatedBubbleFraction) * run;
  const schedule = scheduleById(p.schedule);
  const textbook = p.analyticApplies
    ? `Textbook bubble (${schedule.label}, every stage at the average block times): ${p.analyticFormula}.`
    : `No textbook value: ${p.analyticFormula}.`;
  return derive({
    id: 'bubble',
    title: 'Pipeline bubble (simulated)',
    symbol: 'β_sim',
    expr: run > 0 ? '100 · (1 − T_busy / T_run)' : '0',
    terms: [
      {
        symbol: 'T_busy',
        value: busy,
        unit: 's',
        meaning: `Seconds a pipeline stage computes during the run, averaged over the ${p.stages} stages (${e.scenario.workload.mode === 'training' ? `F, B${p.weightGradSeconds.some((w) => w > 0) ? ', W' : ''}` : 'forward'} blocks of all ${p.microBatches} micro-batches).`,
      },
      {
        symbol: 'T_run',
        value: run,
        unit: 's',
        meaning:
          'Makespan of the simulated schedule with transfers taken as free (waiting for transfers counts as exposed PP time instead).',
      },
    ],
    unit: '%',
    source: [
      SCHEDULE_SOURCES[p.schedule] ?? SOURCES.megatronFlops,
      SOURCES.costModel('§6 (simulated with the real block times, not only the formula)'),
    ],
    notes: [
      textbook,
      ...(p.paperFormula ? [`The paper’s own form: ${p.paperFormula}.`] : []),
      ...(p.schedule === '1f1b' || p.schedule === 'gpipe'
        ? ['Narayanan et al. write it as (p−1)/m of the ideal time; as a share of the whole run that is (p−1)/(m+p−1).']
        : []),
      ...p.bubbleGap.map((g) => `Why they differ: ${g.message}`),
    ],
  });
}
