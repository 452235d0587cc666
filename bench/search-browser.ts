/**
 * Only the strategy-search cases of the bench, in headless Chromium (the
 * issue's measure): `npx tsx bench/search-browser.ts` after `npm run build`.
 * Prints the median of three runs per case and each run.
 */
import { measureSearchInBrowser } from './browser';
import { SEARCH_DEEPSEEK_1024, SEARCH_GPT3_1024 } from './scenarios';

const results = await measureSearchInBrowser([
  { name: 'DeepSeek-V3 on 1024 H800, every EP', ...SEARCH_DEEPSEEK_1024 },
  { name: 'GPT-3 175B on 1024 A100, whole space', ...SEARCH_GPT3_1024 },
], Number(process.env.REPEATS ?? 3));
for (const r of results) {
  console.log(`${r.name}: ${r.enumerated} strategies, median ${r.seconds.toFixed(2)} s with ${r.workers} workers (runs ${r.runs.map((x) => x.toFixed(2)).join(', ')} s)`);
}
