/**
 * One worker of the strategy-search pool: searches its share of the space
 * (every `of`-th unit of strategies with one TP, PP and EP) and sends rows
 * back in batches as it goes.
 */
import * as Comlink from 'comlink';
import { countStrategies, runSearch } from '../core';
import type { SearchWorkerApi } from './searchProtocol';

const api: SearchWorkerApi = {
  count: (scenario, narrowing) => countStrategies(scenario, narrowing),
  warm(scenario, part, millis) {
    const start = performance.now();
    runSearch(scenario, { part, cancelled: () => performance.now() - start > millis });
  },
  async run(scenario, narrowing, part, onRows) {
    const sent: Promise<void>[] = [];
    const r = runSearch(scenario, {
      narrowing,
      part,
      onRows: (rows, done) => {
        sent.push(Promise.resolve(onRows(rows, done)));
      },
      progressEvery: 100,
    });
    // The callbacks travel on their own port: wait until every batch arrived before answering.
    await Promise.all(sent);
    return { enumerated: r.enumerated, evaluated: r.evaluated, current: r.current };
  },
};

Comlink.expose(api);
