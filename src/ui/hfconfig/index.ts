/** The Hugging Face config.json import panel. */
export { HfConfigImport, type HfConfigImportProps } from './HfConfigImport';
export { HfConfigResultView } from './HfConfigResultView';
