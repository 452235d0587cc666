/**
 * A running count of the routing simulation's inner-loop steps (token draws,
 * tree steps, quadrature cells), for tests that bound the work one evaluation
 * does without timing it. Cheap: each loop adds its count once at the end.
 */
export const routingWork = { steps: 0 };
