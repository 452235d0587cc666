/**
 * What on the page can be exported: every chart (SVG or canvas) and every
 * table, found in the panels by their titles, so a new chart is exportable
 * without registering it.
 */
export interface Exportable {
  /** Stable name for test ids and file names: "pipeline-schedule-simulated-1". */
  id: string;
  /** "Pipeline schedule, simulated — chart 1". */
  label: string;
  kind: 'svg' | 'canvas' | 'table';
  el: Element;
}

export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'chart'
  );
}

export function findExportables(root: ParentNode): Exportable[] {
  const out: Exportable[] = [];
  const used = new Set<string>();
  for (const panel of root.querySelectorAll('.panel')) {
    if (panel.parentElement?.closest('.panel')) continue;
    const title = panel.querySelector('h2')?.textContent?.trim() ?? 'Panel';
    let n = 0;
    const charts = [...panel.querySelectorAll('svg[role="img"], svg[role="group"], canvas')].filter(
      (el) =>
        !el.parentElement?.closest('svg') && !el.closest('[aria-hidden="true"]') && !el.closest('[role="dialog"]'),
    );
    for (const el of charts) {
      const kind = el.tagName.toLowerCase() === 'canvas' ? 'canvas' : 'svg';
      n++;
      out.push(unique({ id: `${slug(title)}-${n}`, label: `${title} — chart ${n}`, kind, el }, used));
    }
    let t = 0;
    for (const table of panel.querySelectorAll('table')) {
      t++;
      const caption = table.caption?.textContent?.trim();
      out.push(
        unique(
          {
            id: `${slug(title)}-table-${t}`,
            label: `${title} — ${caption ? caption.split('(')[0].trim() : `table ${t}`}`,
            kind: 'table',
            el: table,
          },
          used,
        ),
      );
    }
  }
  return out;
}

function unique(e: Exportable, used: Set<string>): Exportable {
  let id = e.id;
  for (let i = 2; used.has(id); i++) id = `${e.id}-${i}`;
  used.add(id);
  return { ...e, id };
}
