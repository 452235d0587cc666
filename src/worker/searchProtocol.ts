/** What the page and a strategy-search worker say to each other. */
import type { Scenario } from '../core';
import type { Narrowing, SearchRow } from '../core/search';

export interface SearchWorkerApi {
  /** How many strategies the narrowed space holds (counted off the page's thread: a huge space takes a while). */
  count(scenario: Scenario, narrowing: Narrowing): number;
  /** Searches the strategies of enumeration groups g with g % part.of === part.index (runSearch's `part`); rows arrive through onRows before it returns. */
  run(
    scenario: Scenario,
    narrowing: Narrowing,
    part: { index: number; of: number },
    onRows: (rows: SearchRow[], done: number) => void | Promise<void>,
  ): Promise<{ enumerated: number; evaluated: number; current: SearchRow }> | { enumerated: number; evaluated: number; current: SearchRow };
}
