import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { createElement } from 'react';
import { uiFixture } from '../../../test/evaluations';
import { layerParts } from './layerParts';
import { LayerPartsTable } from './LayerPartsTable';

describe('inside one layer', () => {
  const e = uiFixture('training1f1b');
  const t = layerParts(e.blocks);

  it('a middle stage’s F block is its layers’ parts plus the exposed communication', () => {
    // The seed model: 16 MoE layers on 4 stages; stage 1 has neither embedding nor output head.
    expect(t.hasMoe).toBe(true);
    expect(e.memory.perStage[1].layers).toBe(4);
    expect(4 * t.totals.moe.forward + e.pipeline.forwardCommSeconds[1]).toBeCloseTo(e.pipeline.forwardSeconds[1], 12);
  });

  it('shows the MoE layer’s router, permutation and grouped expert GEMMs as rows of their own, largest first', () => {
    const parts = t.rows.map((r) => r.part);
    for (const p of ['router', 'permute', 'routedExperts', 'expertActivation']) expect(parts).toContain(p);
    const size = t.rows.map((r) => (r.moe?.forward ?? 0) + (r.moe?.backward ?? 0));
    expect([...size].sort((a, b) => b - a)).toEqual(size);
  });

  it('renders a row per part and the layer total; inference shows F only', () => {
    const html = renderToStaticMarkup(createElement(LayerPartsTable, { blocks: e.blocks, forwardOnly: false }));
    expect(html.match(/data-part=/g)).toHaveLength(t.rows.length);
    expect(html).toContain('Permute / unpermute');
    expect(html).toContain('MoE layer B+W');
    const inference = renderToStaticMarkup(
      createElement(LayerPartsTable, { blocks: uiFixture('seed').blocks, forwardOnly: true }),
    );
    expect(inference).toContain('MoE layer F');
    expect(inference).not.toContain('B+W');
  });
});
