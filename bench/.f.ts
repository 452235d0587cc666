import fc from 'fast-check';
import { evaluate, ScenarioError } from '../src/core';
import { scenarioDocument } from '../test/scenarioArbitrary';
import { physicalBounds } from '../test/physicalBounds';
const docs = fc.sample(scenarioDocument, { numRuns: Number(process.argv[2]), seed: Number(process.argv[3] ?? 7) });
const counts: Record<string, number> = {};
for (const d of docs) {
  let e; try { e = evaluate(d); } catch (x) { if (x instanceof ScenarioError) continue; console.log('THROW', String(x).slice(0, 200), JSON.stringify(d)); continue; }
  const b = physicalBounds(e);
  for (const m of b) { const k = m.split(' ').slice(0, 2).join(' '); counts[k] = (counts[k] ?? 0) + 1; if (counts[k] <= 2) console.log(m.slice(0, 150), JSON.stringify(d).slice(0, 400)); }
}
console.log(counts);
