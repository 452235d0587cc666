/** Targets belong to the scenario: one click clears them all, another brings the seed document's back. */
import { shownScenario } from '../../state/store';
import { hasTargets, NO_TARGETS } from '../../presets/targets';
import { useExplorer, useExplorerStore } from '../../state/react';
import css from './controls.module.css';

export function TargetButtons({ clearOnly = false }: { clearOnly?: boolean }) {
  const store = useExplorerStore();
  const any = useExplorer((s) => hasTargets(shownScenario(s).targets));
  const seed = useExplorer((s) => !('targets' in s.doc));
  const set = (targets: object | undefined) => {
    const rest = { ...store.getState().doc };
    delete rest.targets;
    store.getState().replaceDoc(targets ? { ...rest, targets } : rest);
  };
  if (clearOnly && !any) return null;
  return (
    <div className={css.targetButtons}>
      <button
        type="button"
        data-testid={clearOnly ? 'clear-targets-summary' : 'clear-targets'}
        disabled={!any}
        onClick={() => set({ ...NO_TARGETS })}
      >
        Clear all targets
      </button>
      {clearOnly ? null : (
        <button type="button" data-testid="seed-targets" disabled={seed} onClick={() => set(undefined)}>
          Use the seed document's targets
        </button>
      )}
    </div>
  );
}
