/** What the page and a strategy-search worker say to each other. */
import type { Scenario } from '../core';
import type { Narrowing, SearchRow } from '../core';

export interface SearchWorkerApi {
  /**
   * Searches this worker's part of the scenario's space for about `millis`
   * and drops the rows: the search code is then compiled, and the pipeline
   * plans of the space's first shapes built, when the user's search starts
   * (a fresh worker spends about a third of its first search warming up).
   */
  warm(scenario: Scenario, part: { index: number; of: number }, millis: number): void;
  /** How many strategies the narrowed space holds (counted off the page's thread: a huge space takes a while). */
  count(scenario: Scenario, narrowing: Narrowing): number;
  /** Searches the strategies of enumeration units u with u % part.of === part.index (runSearch's `part`); rows arrive through onRows before it returns. */
  run(
    scenario: Scenario,
    narrowing: Narrowing,
    part: { index: number; of: number },
    onRows: (rows: SearchRow[], done: number) => void | Promise<void>,
  ):
    | Promise<{ enumerated: number; evaluated: number; current: SearchRow }>
    | { enumerated: number; evaluated: number; current: SearchRow };
}
