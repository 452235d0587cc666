/**
 * Which per-row switches (ROW_SETTINGS in trainingRows.ts, and the one set in
 * measuredRows.ts) the row's own source states, and which come from
 * elsewhere (issue 14, item 2: "count and print the rows that need a switch
 * beyond their source"). Each verdict was made by reading the setting's
 * `why` text against the fixture row's `source`; a switch without a verdict
 * is an error, so a new setting cannot go unaudited.
 */
import { ROW_SETTINGS, type RowSettings } from './trainingRows';

/** Where a switch comes from, from most to least backed by the row's source. */
export type SettingBasis = 'source' | 'recipe' | 'framework' | 'stand-in' | 'assumed';

export const BASIS_TEXT: Record<SettingBasis, string> = {
  source: "stated by the row's source (its document or the config file it names)",
  recipe: "a config for this model and GPU in the framework's repository states it; the row's source does not name it",
  framework: 'follows from the framework the source names (how it stores its state), not stated for the row',
  'stand-in': 'the source states a setting the scenario cannot express; the nearest switch stands in for it',
  assumed: "carried over from another run's recipe: not stated for this row",
};

/** Per row, per switch (`workload.x` or `parallel.y`): its basis. */
export const ROW_SETTINGS_AUDIT: Record<string, Record<string, SettingBasis>> = {
  'bridge260401-h100-qwen3-235b-fp8': { 'parallel.epNodeDedup': 'source', 'parallel.overlap': 'source' },
  // The source names the recipe (selective recompute of mla_up_proj and mlp): 'selective' here is attention's.
  'bridge2509-h100-deepseek-v3-fp8': { 'workload.recompute': 'stand-in' },
  'bridge260401-b200-qwen3-30b-mxfp8': { 'workload.cudaGraphs': 'recipe' },
  'bridge260401-b200-deepseek-v3-mxfp8': {
    'workload.cudaGraphs': 'recipe',
    'workload.recompute': 'stand-in',
    'parallel.overlap': 'recipe',
  },
  // Recompute of the norms and the expert activation, not of attention.
  'bridge260401-b200-gpt-oss-120b-bf16': { 'workload.recompute': 'stand-in', 'parallel.epNodeDedup': 'recipe' },
  'automodel-h100-qwen3-30b-bf16': {
    'workload.framework': 'source',
    'workload.fp32MainGrads': 'framework',
    'parallel.epNodeDedup': 'source',
  },
  'nemo2407-h100-llama2-70b-fp8': { 'workload.framework': 'source' },
  'foundry-h100-mpt7b-bf16-s2048': { 'workload.framework': 'source', 'workload.fp32MainGrads': 'framework' },
  'foundry-h100-mpt30b-bf16-s2048-32gpu': { 'workload.framework': 'source', 'workload.fp32MainGrads': 'framework' },
  'deepseek-v3-report-h800': {
    'model.mtpDepth': 'source',
    // The report's "MLA up-projections recomputed" is what selective recompute means for MLA here.
    'workload.recompute': 'source',
    'workload.recomputeNormsAndUpProjections': 'source',
    'workload.fp8ActivationCache': 'source',
    // Not stated in words: it follows from caching only the SwiGLU inputs (3.3.3).
    'workload.routingWeightInExpert': 'stand-in',
    'workload.bf16OptimizerMoments': 'source',
    'parallel.schedule': 'source',
    'parallel.epNodeDedup': 'source',
    'parallel.epFp8Dispatch': 'source',
    'parallel.overlap': 'source',
  },
};

/** Per-row switches set in code outside ROW_SETTINGS, audited the same way. */
export const OTHER_ROW_SWITCHES: Record<string, { settings: RowSettings; basis: Record<string, SettingBasis> }> = {
  'mcore-qwen3-235b': {
    settings: {
      parallel: { epNodeDedup: true },
      why: "measuredRows.ts: Megatron-MoE-ModelZoo's Qwen3 table names the dispatcher, DeepEP",
    },
    basis: { 'parallel.epNodeDedup': 'source' },
  },
};

export interface AuditedSwitch {
  path: string;
  value: unknown;
  basis: SettingBasis;
}

export interface AuditedRow {
  id: string;
  why: string;
  switches: AuditedSwitch[];
  /** Some switch is not stated by the row's source. */
  beyondSource: boolean;
}

/** Each row's switches with their basis; throws naming the row and switch when a verdict is missing or stale. */
export function auditRowSettings(
  settings: Record<string, RowSettings> = ROW_SETTINGS,
  audit: Record<string, Record<string, SettingBasis>> = ROW_SETTINGS_AUDIT,
): AuditedRow[] {
  const all: [string, RowSettings, Record<string, SettingBasis> | undefined][] = [
    ...Object.entries(settings).map(([id, s]) => [id, s, audit[id]] as [string, RowSettings, (typeof audit)[string]]),
    ...Object.entries(OTHER_ROW_SWITCHES).map(
      ([id, o]) => [id, o.settings, o.basis] as [string, RowSettings, (typeof audit)[string]],
    ),
  ];
  for (const id of Object.keys(audit))
    if (!settings[id]) throw new Error(`ROW_SETTINGS_AUDIT names ${id}, which has no ROW_SETTINGS entry: remove it`);
  return all.map(([id, s, verdicts]) => {
    const paths = [
      ...Object.entries(s.model ?? {}).map(([k, v]) => [`model.${k}`, v] as const),
      ...Object.entries(s.workload ?? {}).map(([k, v]) => [`workload.${k}`, v] as const),
      ...Object.entries(s.parallel ?? {}).map(([k, v]) => [`parallel.${k}`, v] as const),
    ];
    const switches = paths.map(([path, value]) => {
      const basis = verdicts?.[path];
      if (!basis)
        throw new Error(
          `ROW_SETTINGS['${id}'] sets ${path} with no verdict in ROW_SETTINGS_AUDIT (src/calibration/rowSettingsAudit.ts): say whether its source states it (${Object.keys(BASIS_TEXT).join(', ')})`,
        );
      return { path, value, basis };
    });
    for (const path of Object.keys(verdicts ?? {}))
      if (!paths.some(([p]) => p === path))
        throw new Error(`ROW_SETTINGS_AUDIT['${id}'] judges ${path}, which ROW_SETTINGS['${id}'] no longer sets`);
    return { id, why: s.why, switches, beyondSource: switches.some((w) => w.basis !== 'source') };
  });
}

/** The count and the list, for the terminal. */
export function formatAudit(rows: AuditedRow[]): string {
  const beyond = rows.filter((r) => r.beyondSource);
  const byBasis = (b: SettingBasis) => rows.filter((r) => r.switches.some((w) => w.basis === b)).length;
  const lines = [
    `Per-row switches (issue 14, item 2): ${rows.length} rows set switches; ${beyond.length} need one beyond what their source states`,
    `(rows with a switch that is: ${(Object.keys(BASIS_TEXT) as SettingBasis[])
      .filter((b) => b !== 'source')
      .map((b) => `${b} ${byBasis(b)}`)
      .join(', ')}; only 'assumed' is carried over from another run).`,
  ];
  for (const r of rows) {
    lines.push(`  ${r.beyondSource ? 'BEYOND' : 'stated'}  ${r.id}`);
    for (const w of r.switches) lines.push(`      ${w.path} = ${JSON.stringify(w.value)}: ${w.basis}`);
    lines.push(`      why: ${r.why}`);
  }
  lines.push('', 'bases:', ...Object.entries(BASIS_TEXT).map(([b, t]) => `  ${b}: ${t}`));
  return lines.join('\n');
}
