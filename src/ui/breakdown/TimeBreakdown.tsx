/**
 * Where the time of one step goes: compute, the communication GPUs wait for
 * (not hidden behind compute), pipeline bubble and optimizer, as one bar;
 * below it, the compute split by kind of work (attention, experts, router,
 * permutation, FP8 casts, the host's launches and syncs…).
 */
import { useId, useMemo } from 'react';
import type { Evaluation } from '../../core';
import { formatPct, formatSeconds, formatSecondsLike } from '../format';
import { useWidth } from '../chart/useWidth';
import { segmentClass, Swatch } from './Swatch';
import { partTag, partTexture } from './palette';
import { DotPattern } from '../chart/DotPattern';
import { HatchPattern } from '../chart/HatchPattern';
import { timeLayout } from './timeLayout';
import { computeLayout } from './computeLayout';
import { darkComputePart } from './computeParts';
import css from './Breakdown.module.css';

export interface TimeBreakdownProps {
  evaluation: Evaluation;
}

const BAR_Y = 4;
const BAR_H = 30;
/** Narrowest textured segment that prints its name before the percentage ("EP 4.2%"). */
const TAG_PX = 64;
/** The textures' ink: dark enough to read on yellow and on vermillion. */
const TEXTURE_INK = '#1b1f24';

export function TimeBreakdown({ evaluation }: TimeBreakdownProps) {
  const [ref, width] = useWidth<HTMLDivElement>(640);
  const layout = useMemo(() => timeLayout(evaluation.time, width), [evaluation.time, width]);
  const titleId = useId();
  const uid = titleId.replace(/[^a-zA-Z0-9_-]/g, '');
  const textureId = { stripes: `tb-stripes-${uid}`, dots: `tb-dots-${uid}` };
  const training = evaluation.scenario.workload.mode === 'training';
  const w = evaluation.scenario.workload;
  const stepName = training
    ? 'training step'
    : w.phase === 'decode'
      ? `generation of ${w.decodeTokens} tokens`
      : 'inference pass';
  const visible = layout.segments.filter((s) => s.width > 0);
  const compute = useMemo(
    () => computeLayout(evaluation.time.computeParts ?? [], evaluation.time.stepSeconds, width),
    [evaluation.time, width],
  );
  const summary = visible.map((s) => `${s.label} ${formatPct(s.pct)}`).join(', ');
  return (
    <section className="panel" aria-labelledby={titleId} data-testid="time-breakdown">
      <div className="panel-header">
        <h2 id={titleId}>Time of one step</h2>
        <span className={`num ${css.stepTime}`} data-testid="step-time">
          {formatSeconds(layout.stepSeconds)} per {stepName}
        </span>
      </div>
      <p className="what">
        One {stepName} split into computation, communication the GPUs wait for (the part not hidden behind compute),
        pipeline bubble and optimizer; percentages are of the step.
      </p>
      <div ref={ref} className={css.chart}>
        <svg
          width={layout.width}
          height={BAR_Y * 2 + BAR_H}
          role="img"
          aria-label={`Step of ${formatSeconds(layout.stepSeconds)}: ${summary}.`}
          className={css.svg}
        >
          <defs>
            <HatchPattern id={textureId.stripes} stroke={TEXTURE_INK} size={5} strokeWidth={1} />
            <DotPattern id={textureId.dots} fill={TEXTURE_INK} size={5} radius={1.2} wash={0} />
          </defs>
          {visible.map((s) => {
            const texture = partTexture(s.part);
            const tag = partTag(s.part);
            const pct = `${s.pct >= 10 ? s.pct.toFixed(0) : s.pct.toFixed(1)}%`;
            return (
              <g key={s.part} data-part={s.part} data-texture={texture ?? undefined}>
                <rect
                  x={s.x}
                  y={BAR_Y}
                  width={s.width}
                  height={BAR_H}
                  style={{ fill: s.color }}
                  className={segmentClass(s.part)}
                >
                  <title>{`${s.label}: ${formatSeconds(s.seconds)} (${formatPct(s.pct)})`}</title>
                </rect>
                {texture && (
                  <rect
                    x={s.x}
                    y={BAR_Y}
                    width={s.width}
                    height={BAR_H}
                    fill={`url(#${textureId[texture]})`}
                    opacity={0.55}
                    pointerEvents="none"
                  />
                )}
                {s.showLabel && (
                  // A halo in the segment's colour keeps the text clear of the texture.
                  <text
                    x={s.x + s.width / 2}
                    y={BAR_Y + BAR_H / 2}
                    textAnchor="middle"
                    dominantBaseline="central"
                    className={`num ${css.inBar} ${darkText(s.part) ? css.inBarDark : ''} ${texture ? css.inBarHalo : ''}`}
                    style={texture ? { stroke: s.color } : undefined}
                  >
                    {tag && s.width >= TAG_PX ? `${tag} ${pct}` : pct}
                  </text>
                )}
              </g>
            );
          })}
          {layout.excessSeconds > 0 && (
            <line x1={layout.stepX} x2={layout.stepX} y1={0} y2={BAR_Y * 2 + BAR_H} className={css.capacity} />
          )}
        </svg>
      </div>
      {layout.excessSeconds > 0 && (
        <p className={`${css.note} ${css.bad}`}>
          The parts add up to {formatSeconds(layout.excessSeconds)} more than the step (the line marks the step): some
          work is counted in two parts.
        </p>
      )}
      <ul className={css.legend} aria-label="Parts of the step">
        {layout.segments.map((s) => (
          <li key={s.part} className={s.seconds === 0 ? css.zero : ''} title={s.description}>
            <Swatch part={s.part} color={s.color} />
            {s.label}{' '}
            <span className="num">
              {formatSecondsLike(s.seconds, layout.stepSeconds)} · {formatPct(s.pct)}
            </span>
          </li>
        ))}
      </ul>
      {compute.length > 0 && (
        <div data-testid="compute-parts">
          <p className={`what ${css.subhead}`}>
            Inside compute, on the GPU that sets the step: what its {formatSeconds(evaluation.time.computeSeconds)} are
            spent on. Host is time the GPU waits for the CPU to launch work or to read the experts' token counts.
          </p>
          <div className={css.chart}>
            <svg
              width={layout.width}
              height={BAR_Y * 2 + BAR_H}
              role="img"
              aria-label={`Compute of ${formatSeconds(evaluation.time.computeSeconds)}: ${compute.map((s) => `${s.label} ${formatPct(s.pct)}`).join(', ')}.`}
              className={css.svg}
            >
              {compute
                .filter((s) => s.width > 0)
                .map((s) => (
                  <g key={s.part} data-compute-part={s.part}>
                    <rect
                      x={s.x}
                      y={BAR_Y}
                      width={s.width}
                      height={BAR_H}
                      style={{ fill: s.color }}
                      className={css.segment}
                    >
                      <title>{`${s.label}: ${formatSeconds(s.seconds)} (${formatPct(s.pct)} of the step). ${s.description}`}</title>
                    </rect>
                    {s.showLabel && (
                      <text
                        x={s.x + s.width / 2}
                        y={BAR_Y + BAR_H / 2}
                        textAnchor="middle"
                        dominantBaseline="central"
                        className={`num ${css.inBar} ${darkComputePart(s.part) ? '' : css.inBarDark}`}
                      >
                        {s.pct >= 10 ? s.pct.toFixed(0) : s.pct.toFixed(1)}%
                      </text>
                    )}
                  </g>
                ))}
            </svg>
          </div>
          <ul className={css.legend} aria-label="Parts of compute">
            {compute.map((s) => (
              <li key={s.part} title={s.description}>
                <Swatch part={s.part} color={s.color} />
                {s.label}{' '}
                <span className="num">
                  {formatSecondsLike(s.seconds, evaluation.time.computeSeconds)} · {formatPct(s.pct)}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

/** Only the dark fills (blue, vermillion, the dark grey of "other") carry white text legibly; the rest take dark text. */
function darkText(part: string): boolean {
  return part !== 'compute' && part !== 'ep' && part !== 'other';
}
