/** Reading static markup (renderToStaticMarkup) in UI tests. */

/** Every element's attributes whose data-testid starts with `prefix`, in document order. */
export function testIds(html: string, prefix: string): { id: string; attrs: Record<string, string> }[] {
  const out: { id: string; attrs: Record<string, string> }[] = [];
  const tag = /<[a-zA-Z][^>]*data-testid="([^"]*)"[^>]*>/g;
  for (const m of html.matchAll(tag)) {
    if (!m[1].startsWith(prefix)) continue;
    const attrs: Record<string, string> = {};
    for (const a of m[0].matchAll(/([a-zA-Z-:]+)="([^"]*)"/g)) attrs[a[1]] = a[2];
    out.push({ id: m[1], attrs });
  }
  return out;
}
