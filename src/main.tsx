/**
 * Start-up: read the link, create the store, connect the worker and the URL,
 * install `window.explorer`, render.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './ui/theme.css';
import { createExplorerStore } from './state/store';
import { connectEvaluator } from './state/evaluator';
import { readUrl, syncUrl } from './state/urlSync';
import { installExplorerHook } from './state/explorerHook';
import { createEvaluatorClient, createModuleWorker } from './worker/client';
import { StoreContext } from './state/react';
import { App } from './ui/app/App';

const initial = readUrl(window.location.search);
const store = createExplorerStore(initial);
connectEvaluator(store, (onResult, onRestart) =>
  createEvaluatorClient({ createWorker: createModuleWorker, onResult, onRestart, heartbeatMs: 2000 }),
);
syncUrl(store);
installExplorerHook(store);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>
  </StrictMode>,
);
