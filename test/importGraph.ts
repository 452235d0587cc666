/**
 * The import graph of a source tree, for the test that forbids import cycles
 * (test-only, Node). Reads every .ts/.tsx file, finds its import and
 * export-from statements and dynamic import('…') calls, and resolves the
 * relative ones to files; packages and non-TypeScript files (CSS) are left
 * out, as they cannot close a cycle. Type-only imports count: a cycle of
 * types is still two modules that each need the other to be understood.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** File → the files it imports, all relative to the scanned root, '/'-separated. */
export type ImportGraph = Map<string, string[]>;

/**
 * Source text with comments replaced by spaces. Strings stay; a quote that
 * is not closed on its line (one inside a regular expression) ends there, so
 * a stray quote cannot swallow the rest of the file.
 */
export function stripComments(src: string): string {
  let out = '';
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i];
    const next = src[i + 1];
    if (c === '/' && next === '/') {
      while (i < n && src[i] !== '\n') ((out += ' '), i++);
    } else if (c === '/' && next === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      out += src.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < n && src[j] !== c && (c === '`' || src[j] !== '\n')) j += src[j] === '\\' ? 2 : 1;
      out += src.slice(i, j + 1);
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

const STATEMENT = /(?:^|[;}])\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\bfrom\s*)?(['"])([^'"\n]+)\1/gm;
const DYNAMIC = /\bimport\s*\(\s*(['"])([^'"\n]+)\1\s*\)/g;

/** The module specifiers a source file imports, in order of appearance, each once. */
export function importSpecifiers(src: string): string[] {
  const code = stripComments(src);
  const found: [number, string][] = [];
  for (const m of code.matchAll(STATEMENT)) found.push([m.index, m[2]]);
  for (const m of code.matchAll(DYNAMIC)) found.push([m.index, m[2]]);
  return [...new Set(found.sort((a, b) => a[0] - b[0]).map(([, s]) => s))];
}

const SOURCE = /\.tsx?$/;

/** The file a relative specifier names: as written, or with .ts/.tsx, or its folder's index. Null for anything else. */
export function resolveSpecifier(fromFile: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(fromFile), spec);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')];
  return candidates.find((p) => SOURCE.test(p) && existsSync(p) && statSync(p).isFile()) ?? null;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return d.name === 'node_modules' ? [] : sourceFiles(p);
    return SOURCE.test(d.name) && !d.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** The import graph of every .ts/.tsx file under `root`. */
export function importGraph(root: string): ImportGraph {
  const graph: ImportGraph = new Map();
  const rel = (p: string) => relative(root, p).split('\\').join('/');
  for (const file of sourceFiles(root).sort()) {
    const targets = importSpecifiers(readFileSync(file, 'utf8'))
      .map((s) => resolveSpecifier(file, s))
      .filter((p): p is string => p !== null && p.startsWith(root));
    graph.set(rel(file), [...new Set(targets.map(rel))]);
  }
  return graph;
}

/**
 * One cycle per strongly connected component of more than one file (or a
 * file importing itself), as a path that starts and ends on the same file.
 * Tarjan's algorithm, written iteratively so a deep graph cannot overflow.
 */
export function findCycles(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  const edges = (v: string) => (graph.get(v) ?? []).filter((w) => graph.has(w));

  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: { v: string; next: number }[] = [{ v: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const top = work[work.length - 1];
      const out = edges(top.v);
      if (top.next < out.length) {
        const w = out[top.next++];
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ v: w, next: 0 });
        } else if (onStack.has(w)) {
          low.set(top.v, Math.min(low.get(top.v)!, index.get(w)!));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].v;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.v)!));
      }
      if (low.get(top.v) === index.get(top.v)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== top.v);
        if (component.length > 1 || edges(top.v).includes(top.v)) components.push(component);
      }
    }
  }
  return components.map((c) => cycleWithin(graph, new Set(c)));
}

/** A shortest cycle through the component's first file (in sorted order), by breadth-first search. */
function cycleWithin(graph: ImportGraph, members: Set<string>): string[] {
  const start = [...members].sort()[0];
  const parent = new Map<string, string>();
  const queue = [start];
  for (let q = 0; q < queue.length; q++) {
    const v = queue[q];
    for (const w of graph.get(v) ?? []) {
      if (!members.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let u: string | undefined = v; u !== undefined && u !== start; u = parent.get(u)) path.push(u);
        return [start, ...path.slice(1).reverse(), start];
      }
      if (!parent.has(w) && w !== start) {
        parent.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}
