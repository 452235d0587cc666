/** No import cycles in src/: two modules that need each other cannot be read, tested or changed one at a time. */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  findCycles,
  importGraph,
  importSpecifiers,
  resolveSpecifier,
  stripComments,
  type ImportGraph,
} from './importGraph';

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
    expect(importSpecifiers(src)).toEqual([
      './a',
      '../b',
      './cd',
      './e',
      './f',
      './g',
      './theme.css',
      './h',
      'fast-check',
    ]);
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

/**
 * Folders show the layers: the core (pure, no DOM) at the bottom, the worker
 * over it, the store over both, the components on top; the CLI and the
 * calibration are other readers of the core. Each folder under src/core and
 * src/ui is one concept (a subfolder belongs to its parent), and no two
 * concepts need each other.
 */
describe('src/ folders', () => {
  const g = importGraph(SRC);
  const production = [...g].filter(([f]) => !/\.test\.tsx?$/.test(f));
  /** The concept a module belongs to: core/<x>, ui/<x>, or the top folder (state, worker, cli, …). */
  const folderOf = (f: string): string => {
    const parts = f.split('/');
    if (parts.length === 1) return f;
    if ((parts[0] === 'core' || parts[0] === 'ui') && parts.length > 2) return `${parts[0]}/${parts[1]}`;
    return parts.length === 2 && (parts[0] === 'core' || parts[0] === 'ui') ? f : parts[0];
  };
  const layerOf = (f: string): string => f.split('/')[0];
  /** Which layers each layer may import (besides itself). */
  const ALLOWED: Record<string, readonly string[]> = {
    core: [],
    presets: ['core'],
    worker: ['core'],
    state: ['core', 'presets', 'worker'],
    ui: ['core', 'presets', 'state', 'worker'],
    cli: ['core', 'presets'],
    calibration: ['core', 'presets'],
    'main.tsx': ['ui', 'state', 'worker'],
  };
  const APP_LAYERS = ['ui', 'state', 'worker', 'cli', 'calibration'];

  it('has no cycle between folders', () => {
    const folders: ImportGraph = new Map();
    for (const [f, deps] of production) {
      const from = folderOf(f);
      const edges = folders.get(from) ?? [];
      for (const d of deps) if (folderOf(d) !== from && !edges.includes(folderOf(d))) edges.push(folderOf(d));
      folders.set(from, edges);
    }
    const cycles = findCycles(folders).map((c) => c.join(' → '));
    expect(cycles, `folder cycles in src/:\n  ${cycles.join('\n  ')}`).toEqual([]);
  });

  it('imports only downward: each layer reads only the layers below it', () => {
    const wrong = production.flatMap(([f, deps]) =>
      deps
        .filter((d) => layerOf(d) !== layerOf(f) && !(ALLOWED[layerOf(f)] ?? []).includes(layerOf(d)))
        .map((d) => `${f} → ${d}`),
    );
    expect(wrong).toEqual([]);
  });

  it('app layers import the core only through core/index.ts', () => {
    const deep = production.flatMap(([f, deps]) =>
      APP_LAYERS.includes(layerOf(f))
        ? deps.filter((d) => d.startsWith('core/') && d !== 'core/index.ts').map((d) => `${f} → ${d}`)
        : [],
    );
    expect(deep).toEqual([]);
  });

  it('the core never imports its own index (the index is for other layers)', () => {
    const back = production
      .filter(([f, deps]) => f.startsWith('core/') && deps.includes('core/index.ts'))
      .map(([f]) => f);
    expect(back).toEqual([]);
  });
});
