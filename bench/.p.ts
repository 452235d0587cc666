import { evaluate } from '../src/core';
const doc = JSON.parse(process.argv[2]);
for (let i = 0; i < 3; i++) { const t = performance.now(); evaluate(doc); console.log((performance.now() - t).toFixed(1)); }
