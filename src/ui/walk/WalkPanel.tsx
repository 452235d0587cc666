/**
 * The guided walk through the document's claims: a panel over the page,
 * one step at a time (Back/Next, ← →, Esc to leave). The step number lives
 * in the view (`view.walk`, in the link), so a teacher can share step 3.
 * The steps come from steps.ts; this file only draws them.
 */
import { useEffect, useMemo, useRef } from 'react';
import { useExplorer, useExplorerStore } from '../../state/react';
import { docWithStrategy } from '../search/strategyDoc';
import { VERDICT_ICON, VERDICT_TONE } from '../claims/verdict';
import { isTyping } from '../presenter/shortcuts';
import { walkSteps, type TargetLine, type WalkStep } from './steps';
import { useWalkSearch } from './useWalkSearch';
import css from './Walk.module.css';

/** The preset the walk opens when the page states no claims: the seed document's plan. */
export const WALK_PRESET = 'seed-after';

export function WalkButton() {
  const store = useExplorerStore();
  const open = () => {
    const s = store.getState();
    // The walk goes through the claims on the page; with none, through the seed document's.
    if (!s.scenario.claims) s.applyPreset(WALK_PRESET);
    store.getState().setView({ walk: 1 });
  };
  return (
    <button
      type="button"
      className={css.open}
      onClick={open}
      data-testid="walk-open"
      title="Step through the seed document's claims: what it states, what the explorer computes, and a strategy that meets its targets"
    >
      Walk through the seed document
    </button>
  );
}

export function WalkPanel() {
  const step = useExplorer((s) => s.view.walk ?? null);
  const evaluation = useExplorer((s) => s.evaluation);
  const active = step !== null && evaluation !== null;
  const search = useWalkSearch(active ? evaluation.scenario : null, active);
  const steps = useMemo(() => (evaluation ? walkSteps(evaluation, search) : []), [evaluation, search]);
  const store = useExplorerStore();
  if (!active || steps.length === 0) return null;
  return (
    <WalkView
      steps={steps}
      index={Math.min(Math.max(1, step), steps.length) - 1}
      source={evaluation.scenario.claims?.source ?? null}
      onStep={(i) => store.getState().setView({ walk: Math.min(Math.max(0, i), steps.length - 1) + 1 }, 'step')}
      onClose={() => store.getState().setView({ walk: null })}
      onLoad={(st) => store.getState().replaceDoc(docWithStrategy(store.getState().doc, st))}
    />
  );
}

type LoadableStrategy = NonNullable<Extract<WalkStep, { kind: 'strategy' }>['strategy']>;

export interface WalkViewProps {
  steps: WalkStep[];
  /** 0-based index of the step shown. */
  index: number;
  source: string | null;
  onStep(index: number): void;
  onClose(): void;
  onLoad(strategy: LoadableStrategy): void;
}

/** The panel itself, drawn from its props (tests render it without a store). */
export function WalkView({ steps, index, source, onStep: go, onClose: close, onLoad: load }: WalkViewProps) {
  const panel = useRef<HTMLElement>(null);
  const step = steps[index];
  // Keys: ← → step while the focus is in the panel or on the page itself (a slider keeps its arrows); Esc leaves unless typing.
  const nav = useRef({ go, close, index });
  nav.current = { go, close, index };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const t = e.target as Node | null;
      const inPanel = !!(t && panel.current?.contains(t));
      const onPage = t === document.body || t === document.documentElement || t === null;
      if (e.key === 'Escape' && !isTyping(e.target as HTMLElement | null)) nav.current.close();
      else if (!inPanel && !onPage) return;
      else if (e.key === 'ArrowRight') nav.current.go(nav.current.index + 1);
      else if (e.key === 'ArrowLeft') nav.current.go(nav.current.index - 1);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => {
    panel.current?.focus({ preventScroll: true });
  }, []);
  return (
    <section
      ref={panel}
      className={css.panel}
      role="dialog"
      aria-modal="false"
      aria-labelledby="walk-title"
      tabIndex={-1}
      data-testid="walk"
      data-step={index + 1}
      data-steps={steps.length}
      data-kind={step.kind}
      data-outcome={step.kind === 'strategy' ? step.outcome : undefined}
    >
      <header className={css.head}>
        <div className={css.headText}>
          <span className={css.kicker}>{source ? `Walking through “${source}”` : 'Walking through the claims'}</span>
          <h2 id="walk-title" className={css.title}>
            {step.title}
          </h2>
        </div>
        <button
          type="button"
          className={css.close}
          onClick={close}
          aria-label="Leave the walk (Esc)"
          data-testid="walk-close"
        >
          ×
        </button>
      </header>
      <div className={css.body} aria-live="polite">
        <StepBody step={step} onLoad={load} />
      </div>
      <footer className={css.foot}>
        <button type="button" onClick={() => go(index - 1)} disabled={index === 0} data-testid="walk-back">
          ← Back
        </button>
        <span className={css.counter} data-testid="walk-counter">
          Step {index + 1} of {steps.length}
        </span>
        {index < steps.length - 1 ? (
          <button type="button" className={css.primary} onClick={() => go(index + 1)} data-testid="walk-next">
            Next →
          </button>
        ) : (
          <button type="button" onClick={close} data-testid="walk-done">
            Done
          </button>
        )}
      </footer>
    </section>
  );
}

function StepBody({ step, onLoad }: { step: WalkStep; onLoad(st: LoadableStrategy): void }) {
  switch (step.kind) {
    case 'intro':
      return (
        <>
          <p>
            The document proposes <strong>{step.plan}</strong> on {step.cluster}.
          </p>
          {step.runs ? (
            <p className={css.ok}>✓ The explorer finds that this plan can run as written.</p>
          ) : (
            <>
              <p className={css.bad}>✗ It cannot run as written:</p>
              <ul className={css.problems}>
                {step.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </>
          )}
          <p>
            It states {step.claims} figure{step.claims === 1 ? '' : 's'}; the explorer contradicts {step.contradicted}.
            The next steps take them one by one
            {step.runs ? '' : ', computed for the plan as written (as if it could run)'}.
          </p>
        </>
      );
    case 'claim':
      return (
        <>
          <dl className={css.figures}>
            <div>
              <dt>The document states</dt>
              <dd data-testid="walk-stated">{step.stated}</dd>
            </div>
            <div>
              <dt>The explorer computes</dt>
              <dd data-testid="walk-computed">{step.computed}</dd>
            </div>
          </dl>
          {step.counts ? <p className={css.counts}>{step.counts}</p> : null}
          <p>
            <span
              className={`${css.verdict} ${css[VERDICT_TONE[step.verdict]]}`}
              data-testid="walk-verdict"
              data-verdict={step.verdict}
            >
              {VERDICT_ICON[step.verdict]} {step.verdict}
            </span>{' '}
            {step.gap}
          </p>
          {step.cause ? (
            <p className={css.cause}>
              <strong>What makes the difference: </strong>
              {step.cause}
            </p>
          ) : null}
        </>
      );
    case 'strategy':
      return (
        <>
          <p>{step.text}</p>
          {step.plan ? (
            <p className={css.plan} data-testid="walk-plan">
              {step.plan}
            </p>
          ) : null}
          {step.targets.length > 0 ? <Targets lines={step.targets} /> : null}
          {step.outcome === 'found' && step.strategy ? (
            <button
              type="button"
              className={css.primary}
              onClick={() => onLoad(step.strategy!)}
              data-testid="walk-load"
            >
              Load this strategy onto the page
            </button>
          ) : null}
          {step.outcome === 'searching' ? <progress aria-label="Searching strategies" /> : null}
        </>
      );
  }
}

function Targets({ lines }: { lines: TargetLine[] }) {
  return (
    <table className={css.targets} data-testid="walk-targets">
      <thead>
        <tr>
          <th scope="col">Target</th>
          <th scope="col">Limit</th>
          <th scope="col">Value</th>
          <th scope="col">Met</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((l) => (
          <tr key={l.target} data-pass={l.pass}>
            <th scope="row">{l.label}</th>
            <td className="num">{l.limit}</td>
            <td className="num">{l.value}</td>
            <td className={l.pass ? css.ok : l.pass === false ? css.bad : ''}>
              {l.pass ? '✓' : l.pass === false ? '✗' : '–'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
