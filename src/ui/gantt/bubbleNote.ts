/**
 * The simulated and textbook bubbles side by side, under their glossary
 * names, with the core's own explanation of any difference
 * (pipeline.bubbleGap): nothing here guesses at the core's reasons.
 */
import { BUBBLE_TERMS, type PipelineSummary } from '../../core';

export interface BubbleComparison {
  simulatedPct: number;
  /** Null where the schedule's rules are broken and no textbook value exists. */
  analyticPct: number | null;
  formula: string;
  /** The paper's own form, where the exact formula differs from it. */
  paperFormula: string | null;
  differs: boolean;
  reasons: string[];
  /** One line for the page, or null when they agree. */
  note: string | null;
}

export function compareBubble(p: PipelineSummary): BubbleComparison {
  const reasons = p.bubbleGap.map((r) => r.message);
  const differs = reasons.length > 0;
  const simulated = BUBBLE_TERMS.simulated.label.toLowerCase();
  const textbook = BUBBLE_TERMS.textbook.label.toLowerCase();
  return {
    simulatedPct: p.simulatedBubbleFraction * 100,
    analyticPct: p.analyticApplies ? p.analyticBubbleFraction * 100 : null,
    formula: p.analyticFormula,
    paperFormula: p.paperFormula,
    differs,
    reasons,
    note: differs ? `Why the ${simulated} differs from the ${textbook}: ${reasons.join(' ')}` : null,
  };
}
