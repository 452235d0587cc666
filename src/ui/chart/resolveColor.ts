/**
 * Layouts give colours as CSS strings, design tokens included
 * ("var(--block-f)"), so SVG follows the theme. A canvas cannot
 * read var(): this resolves them against an element's computed style at
 * draw time, so the theme's value is the only one (theme.css).
 */
const VAR = /^var\(\s*(--[\w-]+)\s*(?:,\s*(.+))?\)$/;

/** Returns a resolver of colour strings for canvas drawing, cached per call. */
export function colorResolver(el: Element | null): (color: string) => string {
  const style = el && typeof getComputedStyle === 'function' ? getComputedStyle(el) : null;
  const cache = new Map<string, string>();
  const resolve = (color: string): string => {
    if (!color.startsWith('var(')) return color;
    const hit = cache.get(color);
    if (hit !== undefined) return hit;
    const m = VAR.exec(color.trim());
    let out = '#000';
    if (m) {
      const v = style?.getPropertyValue(m[1]).trim();
      out = v ? v : m[2] ? resolve(m[2].trim()) : '#000';
    }
    cache.set(color, out);
    return out;
  };
  return resolve;
}
