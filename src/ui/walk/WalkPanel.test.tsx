/** The walk panel draws the step it is given, from the page's evaluation. */
import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { evaluate } from '../../core';
import { scenarioPreset } from '../../presets/scenarios';
import { formatMetric } from '../format';
import { testIds } from '../../../test/markup';
import { WalkView } from './WalkPanel';
import { walkSteps } from './steps';

const e = evaluate(scenarioPreset('seed-after')!.scenario);
const steps = walkSteps(e, { status: 'running', total: 4162 });
const noop = () => {};
const render = (index: number) =>
  renderToStaticMarkup(
    <WalkView steps={steps} index={index} source="The document" onStep={noop} onClose={noop} onLoad={noop} />,
  );

describe('WalkView', () => {
  it('step 3 of 9 shows the second claim, stated and computed as the audit has them', () => {
    const html = render(2);
    const [panel] = testIds(html, 'walk');
    expect(panel.attrs['data-step']).toBe('3');
    expect(panel.attrs['data-steps']).toBe(String(e.claimsAudit.length + 2));
    expect(html).toContain(`Step 3 of ${e.claimsAudit.length + 2}`);
    const c = e.claimsAudit[1];
    expect(html).toContain(`data-testid="walk-stated">${formatMetric(c.claim, c.stated)}<`);
    expect(html).toContain(`data-testid="walk-computed">${formatMetric(c.claim, c.computed)}<`);
    expect(html).toContain(`data-verdict="${c.verdict}"`);
  });

  it('the first step has no Back; the last has Done instead of Next and says the search is running', () => {
    expect(render(0)).toMatch(/disabled="" data-testid="walk-back"/);
    const last = render(steps.length - 1);
    expect(testIds(last, 'walk').map((t) => t.id)).toContain('walk-done');
    expect(testIds(last, 'walk').map((t) => t.id)).not.toContain('walk-next');
    expect(last).toContain('Searching 4,162 strategies');
  });
});
