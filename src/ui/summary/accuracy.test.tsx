import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { AccuracyTable, formatMaePct } from './AccuracyPanel';
import { ACCURACY_HREF, ErrorBandLink } from './ErrorBandLink';
import { testIds } from '../../../test/markup';
import { ERROR_BANDS, formatErrorBand, MIN_BAND_ROWS, type ErrorBand, type ErrorBandRow } from '../../core';

/** Each table row: its class key, whether it is highlighted, and the text of its cells. */
function tableRows(html: string): { key: string; current: boolean; cells: string[] }[] {
  const rows = [...html.matchAll(/<tr([^>]*data-testid="accuracy-row"[^>]*)>(.*?)<\/tr>/g)];
  return rows.map(([, attrs, body]) => ({
    key: /data-band-class="([^"]*)"/.exec(attrs)![1],
    current: attrs.includes('aria-current="true"'),
    cells: [...body.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((c) => c[1].replace(/<[^>]+>/g, '')),
  }));
}

const bandOf = (key: string, wanted = key): ErrorBand => {
  const row = ERROR_BANDS[key];
  return { key, label: row.label, pct: row.outOfSampleMaePct, rows: row.rows, wanted };
};

describe('accuracy panel (issue 14): the in-page target of every ± N% band', () => {
  it('lists every class of ERROR_BANDS, in order, with its runs, in-sample and out-of-sample error and band', () => {
    const rows = tableRows(renderToStaticMarkup(<AccuracyTable />));
    expect(rows.map((r) => r.key)).toEqual(Object.keys(ERROR_BANDS));
    for (const r of rows) {
      const b = ERROR_BANDS[r.key];
      expect(r.cells, r.key).toEqual([
        b.label,
        String(b.rows),
        formatMaePct(b.inSampleMaePct),
        formatMaePct(b.outOfSampleMaePct),
        b.rows >= MIN_BAND_ROWS ? formatErrorBand(b.outOfSampleMaePct) : 'wider class used',
      ]);
      expect(r.current).toBe(false);
    }
    // The committed table's own figures, so a formatting slip shows up as a number, not a shape.
    const all = rows.find((r) => r.key === 'all')!;
    expect(all.cells.slice(2)).toEqual([
      `${ERROR_BANDS.all.inSampleMaePct.toFixed(1)}%`,
      `${ERROR_BANDS.all.outOfSampleMaePct.toFixed(1)}%`,
      formatErrorBand(ERROR_BANDS.all.outOfSampleMaePct),
    ]);
  });

  it("highlights only the band's class and says which figure the user came from", () => {
    const html = renderToStaticMarkup(<AccuracyTable band={bandOf('training-moe')} />);
    expect(
      tableRows(html)
        .filter((r) => r.current)
        .map((r) => r.key),
    ).toEqual(['training-moe']);
    const from = /data-testid="accuracy-from"[^>]*>(.*?)<\/p>/.exec(html)![1].replace(/<[^>]+>/g, '');
    expect(from).toContain(`${formatErrorBand(ERROR_BANDS['training-moe'].outOfSampleMaePct)}`);
    expect(from).toContain(`MoE training (${ERROR_BANDS['training-moe'].rows} published runs)`);
    expect(from).not.toContain('narrower class');
  });

  it('a class with fewer than MIN_BAND_ROWS runs shows no band of its own, and a figure falling back names it', () => {
    const bands: Record<string, ErrorBandRow> = {
      all: { label: 'all published runs', inSampleMaePct: 10, outOfSampleMaePct: 12, rows: 9 },
      'training-moe-blackwell': {
        label: 'MoE training on Blackwell',
        inSampleMaePct: 20,
        outOfSampleMaePct: 30,
        rows: MIN_BAND_ROWS - 1,
      },
    };
    const band: ErrorBand = {
      key: 'all',
      label: 'all published runs',
      pct: 12,
      rows: 9,
      wanted: 'training-moe-blackwell',
    };
    const html = renderToStaticMarkup(<AccuracyTable band={band} bands={bands} />);
    const rows = tableRows(html);
    expect(rows.find((r) => r.key === 'training-moe-blackwell')!.cells[4]).toBe('wider class used');
    expect(rows.find((r) => r.key === 'all')!.current).toBe(true);
    expect(html).toContain(
      `Its narrower class, MoE training on Blackwell, has fewer than ${MIN_BAND_ROWS} published runs`,
    );
    expect(html).toContain('checked against 9 published runs');
  });

  it('every band links to the in-page panel, not to the README the built site does not ship', () => {
    expect(ACCURACY_HREF).toBe('#accuracy');
    const html = renderToStaticMarkup(<ErrorBandLink band={bandOf('training')} testId="band-x" />);
    const [link] = testIds(html, 'band-x');
    expect(link.attrs.href).toBe('#accuracy');
    expect(link.attrs['data-band-class']).toBe('training');
  });
});
