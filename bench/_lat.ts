import { measureSliderLatency } from './browser';
const r = await measureSliderLatency(process.argv.slice(2).map((q, i) => ({ name: `case ${i}: ${q}`, query: q, slider: 'parallel.tp' })), 25);
for (const x of r) console.log(x.name, 'p50', x.p50.toFixed(1), 'p95', x.p95.toFixed(1));
