import fc from 'fast-check';
import { evaluate } from '../src/core';
import { scenarioDocument } from '../test/scenarioArbitrary';
const docs = fc.sample(scenarioDocument, { numRuns: Number(process.argv[2]), seed: Number(process.argv[3] ?? 11) });
let last = process.memoryUsage().rss;
for (const d of docs) {
  const t = performance.now();
  try { evaluate(d); } catch { continue; }
  const rss = process.memoryUsage().rss; const ms = performance.now() - t;
  if (rss - last > 300e6 || ms > 150) console.log(((rss - last) / 1e6).toFixed(0), 'MB', ms.toFixed(0), 'ms', JSON.stringify(d).slice(0, 300));
  last = rss;
}
