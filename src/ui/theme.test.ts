/**
 * Design tokens are defined once, in theme.css. Every `var(--name` in the
 * source (TypeScript, TSX, CSS) must name a token theme.css defines for the
 * light theme (or one the using CSS file defines itself), with no fallback
 * value after the name: a fallback is a second copy of the colour that
 * silently wins when the token is missing. A token the dark theme overrides
 * must exist in the light one, and a light token holding a literal colour
 * must be overridden for dark unless it is listed below as the same in both.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('..', import.meta.url));
const THEME = readFileSync(new URL('./theme.css', import.meta.url), 'utf8');

/** Light-theme tokens whose colour is meant to stay in the dark theme, and why. */
const SAME_IN_BOTH_THEMES: Record<string, string> = {
  '--oi-blue': 'Okabe–Ito hues read on dark too',
  '--oi-orange': 'Okabe–Ito hues read on dark too',
  '--oi-green': 'Okabe–Ito hues read on dark too',
  '--oi-sky': 'Okabe–Ito hues read on dark too',
  '--oi-vermillion': 'Okabe–Ito hues read on dark too',
  '--oi-purple': 'Okabe–Ito hues read on dark too',
  '--oi-yellow': 'Okabe–Ito hues read on dark too',
  '--oi-black': 'Okabe–Ito hues read on dark too',
  '--block-comm-ep': 'dark dots on the block fills, which stay light in both themes',
  '--block-w2': 'a light block fill that takes dark text in both themes',
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.(tsx?|css)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

/** Custom properties a stylesheet (or one block of it) defines, with their values. */
function definitions(css: string): Map<string, string> {
  return new Map([...css.matchAll(/(?:^|[;{\s])(--[\w-]+)\s*:\s*([^;}]+)/g)].map((m) => [m[1], m[2].trim()]));
}

/** The body of the first rule whose selector text starts at `marker`. */
function block(css: string, marker: string): string {
  const at = css.indexOf(marker);
  if (at < 0) throw new Error(`theme.css has no ${marker}`);
  const open = css.indexOf('{', css.indexOf(':root', at));
  return css.slice(open + 1, css.indexOf('}', open));
}

const light = definitions(block(THEME, ':root'));
const dark = definitions(block(THEME, '@media (prefers-color-scheme: dark)'));

describe('design tokens', () => {
  const files = sourceFiles(SRC);
  const uses = files.flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    const own = file.endsWith('.css') ? definitions(text) : new Map<string, string>();
    return [...text.matchAll(/var\(\s*(--[\w-]+)\s*([,)])/g)].map((m) => ({
      file: file.slice(SRC.length),
      name: m[1],
      fallback: m[2] === ',',
      defined: light.has(m[1]) || own.has(m[1]),
    }));
  });

  it('scans the colour modules and the gantt tokens', () => {
    // Guards the scan itself: an empty list would pass every check below.
    expect(uses.some((u) => u.file.endsWith('gantt/colours.ts') && u.name === '--block-f2')).toBe(true);
    expect(uses.length).toBeGreaterThan(100);
  });

  it('every var(--name) names a token theme.css defines', () => {
    expect(uses.filter((u) => !u.defined).map((u) => `${u.file}: ${u.name}`)).toEqual([]);
  });

  it('no var(--name, fallback): the value lives only in theme.css', () => {
    expect(uses.filter((u) => u.fallback).map((u) => `${u.file}: ${u.name}`)).toEqual([]);
  });

  it('every dark-theme token exists in the light theme', () => {
    expect([...dark.keys()].filter((k) => !light.has(k))).toEqual([]);
  });

  it('every literal light colour is either overridden for dark or listed as the same in both', () => {
    const literalColours = [...light].filter(([, v]) => /^(#|rgba?\()/.test(v)).map(([k]) => k);
    expect(literalColours.filter((k) => !dark.has(k) && !(k in SAME_IN_BOTH_THEMES))).toEqual([]);
    // The list names only tokens that exist and really are kept.
    expect(Object.keys(SAME_IN_BOTH_THEMES).filter((k) => !light.has(k) || dark.has(k))).toEqual([]);
  });
});
