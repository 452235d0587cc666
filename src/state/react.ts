/** React binding of the vanilla store: components read slices with `useExplorer`. */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { ExplorerState, ExplorerStore } from './store';

export const StoreContext = createContext<ExplorerStore | null>(null);

export function useExplorerStore(): ExplorerStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('StoreContext missing');
  return store;
}

export function useExplorer<T>(selector: (s: ExplorerState) => T): T {
  return useStore(useExplorerStore(), selector);
}
