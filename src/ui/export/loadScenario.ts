/** Loading a scenario file into the store: the page's drop target and the export dialog's file button. */
import type { ExplorerStore } from '../../state/store';
import { readScenarioFile } from './scenarioFile';

/** Reads `file`; a scenario replaces the page's, anything else becomes a banner saying why. */
export async function loadScenarioFile(store: ExplorerStore, file: File): Promise<boolean> {
  if (file.size > 2_000_000) {
    store.getState().setBanner({
      kind: 'error',
      title: `${file.name} is not a scenario`,
      messages: ['a scenario file is a few kB; this one is larger than 2 MB'],
    });
    return false;
  }
  const r = readScenarioFile(await file.text());
  if (!r.ok) {
    const hint = r.messages.some((m) => /num_hidden_layers|hidden_size|model_type/.test(m))
      ? ['A Hugging Face config.json goes into Model → "Import from a Hugging Face config.json".']
      : [];
    store.getState().setBanner({
      kind: 'error',
      title: `${file.name} is not a scenario`,
      messages: [...r.messages.slice(0, 5), ...hint],
    });
    return false;
  }
  const ok = store.getState().replaceDoc(r.doc);
  if (ok) store.getState().setBanner(null);
  return ok;
}
