/**
 * The page's keyboard shortcuts and their help overlay ("?"). Keys typed into
 * a text field never trigger one; slider and chart keys stay with the
 * focused control (they are listed, not handled, here).
 */
import { useEffect, useRef, useState } from 'react';
import { HEATMAP_METRICS } from '../../state/view';
import { useExplorerStore } from '../../state/react';
import { actionOf, nextOf, SHORTCUTS } from './shortcuts';
import { togglePresenter } from './presenter';
import css from './presenter.module.css';

/** Event the pipeline playback listens to ("k" plays or pauses). */
export const PLAY_EVENT = 'explorer:play';

/** Opens the help overlay from a button elsewhere on the page. */
export const HELP_EVENT = 'explorer:help';

export function Shortcuts() {
  const store = useExplorerStore();
  const [help, setHelp] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = actionOf(e);
      if (!action) return;
      if (action === 'close') {
        setHelp(false);
        return;
      }
      e.preventDefault();
      if (action === 'presenter') togglePresenter();
      else if (action === 'help') setHelp((h) => !h);
      else if (action === 'metric') {
        const s = store.getState();
        s.setView({
          metric: nextOf(
            HEATMAP_METRICS.map((m) => m.id),
            s.view.metric,
          ),
        });
      } else if (action === 'play') window.dispatchEvent(new CustomEvent(PLAY_EVENT));
      else if (action === 'pin') store.getState().pinCompare();
    };
    const onHelp = () => setHelp(true);
    window.addEventListener('keydown', onKey);
    window.addEventListener(HELP_EVENT, onHelp);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener(HELP_EVENT, onHelp);
    };
  }, [store]);
  return help ? <HelpOverlay onClose={() => setHelp(false)} /> : null;
}

function HelpOverlay({ onClose }: { onClose(): void }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    close.current?.focus();
    return () => before?.focus?.();
  }, []);
  return (
    <div className={css.backdrop} onClick={onClose}>
      <div
        className={css.dialog}
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-title"
        data-testid="shortcuts-help"
        onClick={(e) => e.stopPropagation()}
      >
        <div className={css.dialogHead}>
          <h2 id="shortcuts-title">Keyboard shortcuts</h2>
          <button type="button" ref={close} onClick={onClose} aria-label="Close">
            ×
          </button>
        </div>
        <table className={css.keys}>
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.what}>
                <th scope="row">
                  {s.keys.map((k) => (
                    <kbd key={k}>{k}</kbd>
                  ))}
                </th>
                <td>{s.what}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
