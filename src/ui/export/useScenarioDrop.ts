/**
 * A scenario file dropped anywhere on the page loads it. Drop targets of
 * their own (the config.json import) handle theirs first and mark the event.
 */
import { useEffect } from 'react';
import { useExplorerStore } from '../../state/react';
import { loadScenarioFile } from './loadScenario';

export function useScenarioDrop(): void {
  const store = useExplorerStore();
  useEffect(() => {
    const hasFiles = (e: DragEvent) => [...(e.dataTransfer?.types ?? [])].includes('Files');
    const onOver = (e: DragEvent) => {
      if (hasFiles(e)) e.preventDefault();
    };
    const onDrop = (e: DragEvent) => {
      if (e.defaultPrevented || !hasFiles(e)) return;
      e.preventDefault();
      const file = e.dataTransfer?.files[0];
      if (file) void loadScenarioFile(store, file);
    };
    window.addEventListener('dragover', onOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [store]);
}
