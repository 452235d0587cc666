/**
 * The size of the narrowed strategy space, counted in a worker (a huge space
 * takes a second or more to count); null while counting. A newer question
 * cancels the older count.
 */
import { useEffect, useState } from 'react';
import type { Scenario } from '../../core';
import type { Narrowing } from '../../core';
import { countInWorker } from '../../worker/searchPool';

/** `spaceKey` names the scenario fields the space depends on: the count reruns only when it or the narrowing changes. */
export function useStrategyCount(
  open: boolean,
  scenario: Scenario,
  spaceKey: string,
  narrowing: Narrowing,
): number | null {
  const [count, setCount] = useState<{ key: string; n: number } | null>(null);
  const key = `${spaceKey}|${JSON.stringify(narrowing)}`;
  useEffect(() => {
    if (!open) return;
    const running = countInWorker(scenario, narrowing, (n) => setCount({ key, n }));
    return () => running.cancel();
  }, [open, key]);
  return count && count.key === key ? count.n : null;
}
