/** A nullable engine switch renders as "framework default (on|off) / on / off", showing what the framework makes it. */
import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { createExplorerStore } from '../../state/store';
import { StoreContext } from '../../state/react';
import { FieldInput } from './FieldInput';

const render = (doc: Record<string, unknown>, path: string) =>
  renderToStaticMarkup(
    <StoreContext.Provider value={createExplorerStore({ doc })}>
      <FieldInput path={path} />
    </StoreContext.Provider>,
  );

const selected = (html: string) => /<option value="([^"]+)" selected="">([^<]*)</.exec(html)?.slice(1);

describe('FieldInput: a framework switch', () => {
  it('left null: "framework default" is selected and names the effective value', () => {
    const decode = render({ workload: { mode: 'inference', phase: 'decode' } }, 'workload.cudaGraphs');
    expect(decode).toContain('<select');
    expect(decode).not.toContain('type="checkbox"');
    expect(selected(decode)).toEqual(['default', 'framework default (on)']);
    const prefill = render({ workload: { mode: 'inference', phase: 'prefill' } }, 'workload.cudaGraphs');
    expect(selected(prefill)).toEqual(['default', 'framework default (off)']);
  });

  it('set explicitly: on or off is selected', () => {
    expect(selected(render({ workload: { phase: 'decode', cudaGraphs: false } }, 'workload.cudaGraphs'))).toEqual([
      'off',
      'off',
    ]);
    expect(selected(render({ parallel: { epNodeDedup: true } }, 'parallel.epNodeDedup'))).toEqual(['on', 'on']);
  });

  it('a plain switch is still a checkbox', () => {
    expect(render({}, 'workload.flashAttention')).toContain('type="checkbox"');
  });
});
