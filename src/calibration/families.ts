/**
 * The groups that leave-one-out validation holds out together (outOfSample.ts):
 * the model family a row trained or served, and the source that published
 * it. One home for both mappings: a row that matches none is an error, so a
 * new fixture row must be placed in a group before it can be scored.
 */
import type { CalibrationRow } from './rows';

/**
 * Model families, matched in this order against the row's model (preset id,
 * then name). Sizes and versions of one architecture line are one family:
 * Llama 2 7B and 70B share their design and their kernels.
 */
export const MODEL_FAMILIES: readonly { family: string; match: RegExp }[] = [
  // Before GPT-3: "gpt-oss" is OpenAI's MoE, not a Megatron GPT.
  { family: 'gpt-oss', match: /gpt-oss/i },
  { family: 'GPT-3 / Megatron GPT', match: /^gpt([ -]|$)|gpt-3|megatron/i },
  { family: 'Llama', match: /llama/i },
  { family: 'Mixtral', match: /mixtral|mistral/i },
  { family: 'DeepSeek', match: /deepseek/i },
  { family: 'Qwen', match: /qwen/i },
  { family: 'DBRX', match: /dbrx/i },
  { family: 'OLMoE', match: /olmo/i },
  { family: 'MPT', match: /^mpt/i },
  { family: 'Nemotron', match: /nemotron/i },
  { family: 'Grok', match: /grok/i },
  { family: 'Arctic', match: /arctic/i },
];

/**
 * Sources, matched in this order against the row's source text: one per
 * published document or repository (a publisher's separate benchmark tables
 * are separate sources; Megatron-Bridge and NeMo AutoModel before NeMo,
 * whose name both contain).
 */
export const SOURCES: readonly { source: string; match: RegExp }[] = [
  { source: 'Megatron-LM paper (Narayanan et al. 2021)', match: /Narayanan/ },
  { source: 'Megatron-MoE-ModelZoo', match: /Megatron-MoE-ModelZoo/ },
  { source: 'Megatron-Bridge', match: /Megatron-Bridge/ },
  { source: 'NeMo AutoModel', match: /NeMo\/Automodel/i },
  { source: 'NeMo', match: /NVIDIA\/NeMo\b/ },
  { source: 'llm-foundry', match: /llm-foundry/ },
  { source: 'DeepSeek-V3 report', match: /DeepSeek-V3 Technical Report/ },
  { source: 'TensorRT-LLM', match: /TensorRT-LLM/ },
  { source: 'gpt-fast', match: /gpt-fast/ },
  { source: 'SGLang (LMSYS blog)', match: /lm-sys|SGLang/ },
];

function modelNames(row: CalibrationRow): string[] {
  const model = (row.scenario as { model?: { preset?: unknown; name?: unknown } }).model ?? {};
  return [model.preset, model.name].filter((x): x is string => typeof x === 'string' && x.length > 0);
}

/** The model family of a row; throws naming the row and its model when no family matches. */
export function familyOf(row: CalibrationRow): string {
  const names = modelNames(row);
  for (const f of MODEL_FAMILIES) if (names.some((n) => f.match.test(n))) return f.family;
  throw new Error(
    `calibration row ${row.id}: model ${JSON.stringify(names)} is in no family of MODEL_FAMILIES (src/calibration/families.ts); add its family there`,
  );
}

/** The source of a row; throws naming the row and its source text when no source matches. */
export function sourceOf(row: CalibrationRow): string {
  for (const s of SOURCES) if (s.match.test(row.source)) return s.source;
  throw new Error(
    `calibration row ${row.id}: source ${JSON.stringify(row.source.slice(0, 80))} is in no group of SOURCES (src/calibration/families.ts); add it there`,
  );
}
