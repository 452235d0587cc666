/** The numbers of one GPU, as the tooltip and the selection panel list them. */
import type { Evaluation, GpuEntry } from '../../core';
import { formatPct, formatSeconds } from '../format';
import { memoryText } from './colour';

export function GpuTitle({ g }: { g: GpuEntry }) {
  return (
    <>
      <strong>GPU {g.rank}</strong> · node {g.node}
      {!g.inCluster && <> · no GPU</>}
    </>
  );
}

export function GpuDetails({ g, evaluation, dense }: { g: GpuEntry; evaluation: Evaluation; dense: boolean }) {
  const { tp, pp, dp, ep, etp, edp } = g.coords;
  const step = evaluation.time.stepSeconds;
  return (
    <dl>
      <dt>Coordinates</dt>
      <dd>
        tp {tp} · pp {pp} · dp {dp}
      </dd>
      {!dense && (
        <>
          <dt>Expert coordinates</dt>
          <dd>
            ep {ep} · etp {etp} · edp {edp}
          </dd>
        </>
      )}
      {!g.inCluster && (
        <>
          <dt>Status</dt>
          <dd>rank ≥ {evaluation.scenario.hardware.count} GPUs in the cluster</dd>
        </>
      )}
      <dt>Memory</dt>
      <dd>{memoryText(g, evaluation.memory.capacityBytes)}</dd>
      <dt>Busy</dt>
      <dd>{step > 0 ? formatPct((g.busySeconds / step) * 100) : '–'} of the step</dd>
      <dt>Expert load</dt>
      <dd>{dense ? 'not applicable' : `${g.expertLoad.toFixed(2)}× mean`}</dd>
      <dt>Exposed comm</dt>
      <dd>{formatSeconds(g.exposedCommSeconds)} per step</dd>
    </dl>
  );
}
