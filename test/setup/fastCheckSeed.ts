/**
 * Property tests draw the same cases on every run (a fixed fast-check seed),
 * so CI never fails by chance: a case that fails, fails every time, and its
 * seed reproduces it. Exploring new cases is a deliberate act:
 * `FC_SEED=random npm run test:fuzz` (or any number) draws others.
 */
import fc from 'fast-check';

const chosen = process.env.FC_SEED;
const seed = chosen === 'random' ? Date.now() ^ (Math.random() * 2 ** 31) : chosen ? Number(chosen) : 20261129;
fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
if (chosen) console.log(`fast-check seed ${seed}`);
