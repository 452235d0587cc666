/**
 * A device's op list as text, for tests and teaching: "F3" forward of
 * micro-batch 3, "B3" its whole backward, "b3" a backward for the input only
 * (its "W3" comes later); a prime marks the device's second chunk ("F3′"),
 * whose micro-batches DualPipe numbers within its own direction, as the
 * DeepSeek-V3 figure does; "&" joins a fused forward-and-backward pair.
 */
import { deviceOps, scheduleById, type ScheduleId } from './registry';

export function opListText(
  id: ScheduleId,
  P: number,
  m: number,
  virtualStages: number,
  forwardOnly: boolean,
): string[] {
  const schedule = scheduleById(id);
  // Each lane (direction) numbers its micro-batches from its first one.
  const laneStart = new Map<number, number>();
  for (let mb = m - 1; mb >= 0; mb--) laneStart.set(schedule.laneOf(mb, m), mb);
  return deviceOps(id, P, m, virtualStages, forwardOnly).map((ops) => {
    const out: string[] = [];
    ops.forEach((o, i) => {
      const mb = o.microBatch - laneStart.get(schedule.laneOf(o.microBatch, m))!;
      const name = `${o.kind === 'B' && o.inputOnly ? 'b' : o.kind}${mb}${o.chunk > 0 ? '′'.repeat(o.chunk) : ''}`;
      if (i > 0 && ops[i - 1].pairedWithNext) out[out.length - 1] += `&${name}`;
      else out.push(name);
    });
    return out.join(' ');
  });
}
