/** No import cycles in src/: two modules that need each other cannot be read, tested or changed one at a time. */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findCycles, importGraph, importSpecifiers, resolveSpecifier, stripComments, type ImportGraph } from './importGraph';

const SRC = resolve(fileURLToPath(new URL('.', import.meta.url)), '../src');

describe('importSpecifiers', () => {
  it('finds imports, type imports, multi-line imports, re-exports, side-effect and dynamic imports, in order', () => {
    const src = [
      "import { a } from './a';",
      "import type { B } from '../b';",
      'import {',
      '  c,',
      '  d,',
      "} from './cd';",
      "export { e } from './e';",
      "export * from './f';",
      "export type * from './g';",
      "import './theme.css';",
      "const h = await import('./h');",
      "import fc from 'fast-check';",
    ].join('\n');
    expect(importSpecifiers(src)).toEqual(['./a', '../b', './cd', './e', './f', './g', './theme.css', './h', 'fast-check']);
  });

  it('ignores imports inside comments, and a quote inside a regular expression does not hide the next import', () => {
    const src = [
      '/**',
      " * @example import { x } from './commented';",
      ' */',
      "// import { y } from './also-commented';",
      'const re = /"([^"]*)"/g;',
      "import { z } from './z';",
      "const url = 'https://example.org'; // a URL is not a comment",
      "export const w = 1; export { v } from './v';",
    ].join('\n');
    expect(importSpecifiers(src)).toEqual(['./z', './v']);
    expect(stripComments("const s = 'a // b'; // c")).toBe("const s = 'a // b';     ");
  });

  it('does not read `from` in ordinary code as an import', () => {
    expect(importSpecifiers("const x = Array.from(ys);\nexport const from = 'z';")).toEqual([]);
  });
});

describe('resolveSpecifier', () => {
  it('resolves a file without extension, a folder to its index, and leaves packages and CSS out', () => {
    const from = resolve(SRC, 'core/index.ts');
    expect(resolveSpecifier(from, './evaluate/evaluate')).toBe(resolve(SRC, 'core/evaluate/evaluate.ts'));
    expect(resolveSpecifier(from, './scenario')).toBe(resolve(SRC, 'core/scenario/index.ts'));
    expect(resolveSpecifier(resolve(SRC, 'ui/app/App.tsx'), './Header')).toBe(resolve(SRC, 'ui/app/Header.tsx'));
    expect(resolveSpecifier(from, 'react')).toBeNull();
    expect(resolveSpecifier(resolve(SRC, 'ui/chart/Tooltip.tsx'), './Tooltip.module.css')).toBeNull();
  });
});

describe('findCycles', () => {
  const graph = (edges: Record<string, string[]>): ImportGraph => new Map(Object.entries(edges));

  it('finds none in a graph without cycles', () => {
    expect(findCycles(graph({ a: ['b', 'c'], b: ['c'], c: [] }))).toEqual([]);
  });

  it('gives each cycle as a path that returns to its start', () => {
    const cycles = findCycles(graph({ a: ['b'], b: ['c'], c: ['a', 'd'], d: [], e: ['e'], f: ['g'], g: ['f'] }));
    expect(cycles).toHaveLength(3);
    expect(cycles).toContainEqual(['a', 'b', 'c', 'a']);
    expect(cycles).toContainEqual(['e', 'e']);
    expect(cycles).toContainEqual(['f', 'g', 'f']);
  });

  it('gives a shortest cycle through the first file of a tangle', () => {
    // a → b → c → d → a, and also c → a: the shortest way back to a is a → b → c → a.
    expect(findCycles(graph({ a: ['b'], b: ['c'], c: ['d', 'a'], d: ['a'] }))).toEqual([['a', 'b', 'c', 'a']]);
  });
});

describe('src/', () => {
  const g = importGraph(SRC);

  it('is read: every module and its imports', () => {
    expect(g.size).toBeGreaterThan(150);
    expect(g.get('core/index.ts')).toContain('core/evaluate/evaluate.ts');
    expect(g.get('ui/gantt/GanttSvg.tsx')).toContain('ui/chart/HatchPattern.tsx');
  });

  it('has no import cycle', () => {
    const cycles = findCycles(g).map((c) => c.join(' → '));
    expect(cycles, `import cycles in src/:\n  ${cycles.join('\n  ')}`).toEqual([]);
  });
});
