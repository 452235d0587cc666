/**
 * The step bar's neighbouring parts stay apart for readers with red–green
 * colour-vision deficiency: each colour (the light theme's values from
 * theme.css) is simulated as a deuteranope and a protanope see it (Machado,
 * Oliveira & Fernandes 2009, severity 1, in linear RGB) and compared in
 * CIELAB. TP and EP, side by side and both communication, must also differ
 * in lightness and carry different textures and names.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { partTag, partTexture, TIME_OTHER, TIME_PARTS } from './palette';

const MACHADO = {
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  normal: [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ],
};

/** The light theme's custom properties (the first :root block). */
function lightTheme(): Map<string, string> {
  const css = readFileSync(new URL('../theme.css', import.meta.url), 'utf8');
  const root = css.slice(css.indexOf(':root'), css.indexOf('}'));
  return new Map([...root.matchAll(/(--[\w-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1], m[2]]));
}

function hexOf(color: string, theme: Map<string, string>): string {
  const v = /^var\((--[\w-]+)\)$/.exec(color);
  const hex = v ? theme.get(v[1]) : color;
  if (!hex || !/^#[0-9a-f]{6}$/i.test(hex)) throw new Error(`no hex for ${color}`);
  return hex;
}

function lab(hex: string, matrix: number[][]): [number, number, number] {
  const lin = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const [r, g, b] = matrix.map((row) => Math.min(1, Math.max(0, row[0] * lin[0] + row[1] * lin[1] + row[2] * lin[2])));
  const X = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.9505;
  const Y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const Z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.089;
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  return [116 * f(Y) - 16, 500 * (f(X) - f(Y)), 200 * (f(Y) - f(Z))];
}

const deltaE = (a: number[], b: number[]) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

describe('step bar colours under colour-vision deficiency', () => {
  const theme = lightTheme();
  const bar = [...TIME_PARTS, TIME_OTHER];

  it('reads the Okabe–Ito values from the theme', () => {
    expect(theme.get('--oi-yellow')).toBe('#f0e442');
    expect(theme.get('--oi-vermillion')).toBe('#d55e00');
    expect(bar.map((p) => p.key)).toEqual(['compute', 'tp', 'ep', 'pp', 'dp', 'bubble', 'optimizer', 'other']);
  });

  for (const [vision, matrix] of Object.entries(MACHADO)) {
    it(`keeps every pair of neighbours at least ΔE 22 apart (${vision})`, () => {
      for (let i = 1; i < bar.length; i++) {
        const a = lab(hexOf(bar[i - 1].color, theme), matrix);
        const b = lab(hexOf(bar[i].color, theme), matrix);
        expect(deltaE(a, b), `${bar[i - 1].key} | ${bar[i].key}`).toBeGreaterThanOrEqual(22);
      }
    });
  }

  it('gives TP and EP different lightness (≥ 25 L*), textures and names, whatever the colour vision', () => {
    const tp = hexOf(TIME_PARTS.find((p) => p.key === 'tp')!.color, theme);
    const ep = hexOf(TIME_PARTS.find((p) => p.key === 'ep')!.color, theme);
    for (const matrix of Object.values(MACHADO))
      expect(Math.abs(lab(tp, matrix)[0] - lab(ep, matrix)[0])).toBeGreaterThanOrEqual(25);
    expect(partTexture('tp')).toBe('stripes');
    expect(partTexture('ep')).toBe('dots');
    expect([partTag('tp'), partTag('ep')]).toEqual(['TP', 'EP']);
    expect(partTexture('compute')).toBeNull();
  });
});
