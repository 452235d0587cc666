/** `npx tsx bench/searchOnly.ts [repeats]`: only the strategy search in headless Chromium (after `npx vite build`). */
import { measureSearchInBrowser } from './browser';
import { SEARCH_CASES } from './scenarios';

const repeats = Number(process.argv[2] ?? 3);
for (const r of await measureSearchInBrowser([...SEARCH_CASES], repeats)) {
  console.log(
    `${r.name}: ${r.enumerated} strategies (${r.evaluated} timed) in ${r.seconds.toFixed(2)} s wall, ${r.workers} workers, ${Math.round(r.enumerated / r.seconds)} strategies/s (median of ${repeats}; runs ${r.runs.map((x) => x.toFixed(2)).join(', ')} s)`,
  );
}
