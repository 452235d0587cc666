/** Import a model from a Hugging Face config.json. */
export { modelFromHfConfig, modelFromHfConfigText, type ConfigError, type HfConfigResult, type UsedKey } from './parse';
