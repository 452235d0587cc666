/**
 * "Bubble" names three different numbers; each gets one name, defined here
 * once, and the page shows it under that name.
 */
export interface Term {
  /** Where the number lives in the evaluation. */
  field: string;
  label: string;
  /** One sentence a student can check against the Gantt chart. */
  definition: string;
}

export const BUBBLE_TERMS = {
  simulated: {
    field: 'pipeline.simulatedBubbleFraction',
    label: 'Simulated bubble',
    definition:
      'The share of the pipeline’s run time that its GPUs sit idle, averaged over them, when the schedule runs with this model’s real block times and transfers taken as free.',
  },
  textbook: {
    field: 'pipeline.analyticBubbleFraction',
    label: 'Textbook bubble',
    definition:
      'The same share from the schedule’s formula, as if every stage took the average block times and transfers were free.',
  },
  pipelineWait: {
    field: 'time.bubbleSeconds',
    label: 'Pipeline wait',
    definition:
      'Seconds of the step the busiest GPU waits for other pipeline stages to hand it work; waiting for the transfers themselves counts as exposed PP communication instead.',
  },
} as const satisfies Record<string, Term>;

/** Simulated and textbook bubbles closer than this (a share of the run time) are said to agree. */
export const BUBBLE_AGREEMENT = 0.005;
