/**
 * "Inside one layer": where an F or B block's compute time goes, per kind of
 * work (router, permute, grouped expert GEMMs, FP8 quantize, host waits …),
 * for a dense and an MoE layer, per micro-batch. A block above is its
 * layers' sum plus the exposed communication.
 */
import type { BlockTiming } from '../../core';
import { computePart } from '../breakdown/computeParts';
import { layerParts } from './layerParts';
import { sig3 } from '../format';
import css from './Gantt.module.css';

/** Milliseconds to three significant figures, the model's accuracy. */
const ms = (s: number) => (s === 0 ? '0' : sig3(s * 1e3));

export function LayerPartsTable({ blocks, forwardOnly }: { blocks: BlockTiming[]; forwardOnly: boolean }) {
  const t = layerParts(blocks);
  if (t.rows.length === 0) return null;
  const cols: ('dense' | 'moe')[] = [...(t.hasDense ? ['dense' as const] : []), ...(t.hasMoe ? ['moe' as const] : [])];
  const name = { dense: 'Dense layer', moe: 'MoE layer' };
  const cell = (x: { forward: number; backward: number } | null, key: string) => [
    <td key={`${key}f`}>{x ? ms(x.forward) : '–'}</td>,
    ...(forwardOnly ? [] : [<td key={`${key}b`}>{x ? ms(x.backward) : '–'}</td>]),
  ];
  return (
    <div className={`${css.tableWrap} ${css.tableWhole}`} data-testid="gantt-layer-parts">
      <table className={css.table}>
        <caption>
          Inside one layer{' '}
          <span>(ms of compute per micro-batch on one GPU; exposed communication is the comm column above)</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">Work</th>
            {cols.map((c) => [
              <th scope="col" key={`${c}f`}>
                {name[c]} F
              </th>,
              ...(forwardOnly
                ? []
                : [
                    <th scope="col" key={`${c}b`} title="Backward: input and weight gradients, and any recompute">
                      {name[c]} B+W
                    </th>,
                  ]),
            ])}
          </tr>
        </thead>
        <tbody>
          {t.rows.map((r) => (
            <tr key={r.part} data-part={r.part}>
              <th scope="row" title={computePart(r.part).description}>
                {computePart(r.part).label}
              </th>
              {cols.map((c) => cell(r[c], c))}
            </tr>
          ))}
          <tr>
            <th scope="row">Layer total</th>
            {cols.map((c) => cell(t.totals[c], `t${c}`))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
