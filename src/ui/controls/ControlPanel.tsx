/**
 * Every input of the scenario, grouped the way a planner thinks: presets,
 * strategy, workload, hardware, model, targets. Each control is built from
 * the schema (label, unit, range, description) and writes through the store.
 */
import { useId } from 'react';
import { SCHEDULES, scheduleById, TARGET_IDS, TARGETS } from '../../core';
import { SCENARIO_PRESETS } from '../../presets/scenarios';
import { MODEL_PRESETS } from '../../core';
import { GPU_PRESETS } from '../../core';
import { FRAMEWORKS } from '../../core';
import { withNewModelTargets } from '../../presets/targets';
import { TargetButtons } from './TargetButtons';
import { shownScenario } from '../../state/store';
import { loadedPreset } from '../../state/presetMatch';
import { useExplorer, useExplorerStore } from '../../state/react';
import { DegreeSlider } from './DegreeSlider';
import { FieldInput } from './FieldInput';
import { RangeField } from './RangeField';
import { HfConfigImport } from '../hfconfig';
import css from './controls.module.css';

/** Menu names of the pipeline schedules, from the core's registry. */
const SCHEDULE_LABELS: Record<string, string> = Object.fromEntries(SCHEDULES.map((x) => [x.id, x.label]));
const FRAMEWORK_LABELS: Record<string, string> = {
  auto: 'auto (Megatron-Core / vLLM)',
  ...Object.fromEntries(FRAMEWORKS.map((f) => [f.id, f.label])),
};

export function ControlPanel() {
  // Subscribe to the few facts that decide which controls exist, not to the
  // whole scenario: a slider move then re-renders only the controls it changes.
  const isMoe = useExplorer((s) => shownScenario(s).model.moe !== null);
  const training = useExplorer((s) => shownScenario(s).workload.mode === 'training');
  const decode = useExplorer((s) => shownScenario(s).workload.phase === 'decode');
  const usesVirtualStages = useExplorer((s) => scheduleById(shownScenario(s).parallel.schedule).usesVirtualStages);
  const hasMla = useExplorer((s) => shownScenario(s).model.mla !== null);
  const fp8 = useExplorer((s) => shownScenario(s).workload.precision === 'fp8');
  return (
    <div>
      <Presets />
      <details className={css.section} open>
        <summary>Parallel strategy</summary>
        <DegreeSlider path="parallel.tp" />
        <DegreeSlider path="parallel.ep" disabled={!isMoe} />
        <DegreeSlider path="parallel.pp" />
        <DegreeSlider path="parallel.dp" />
        <DegreeSlider path="workload.microBatches" />
        <FieldInput path="parallel.schedule" optionLabels={SCHEDULE_LABELS} />
        {usesVirtualStages ? <DegreeSlider path="parallel.virtualStages" /> : null}
        {isMoe ? (
          <>
            <RangeField
              path="parallel.capacityFactor"
              min={0.5}
              max={4}
              step={0.05}
              nullMeaning="dropless"
              format={(v) => v.toFixed(2)}
            />
            <RangeField
              path="parallel.routing.skew"
              min={0}
              max={3}
              step={0.05}
              format={(v) => (v === 0 ? '0 (uniform)' : v.toFixed(2))}
            />
            <DegreeSlider path="parallel.etp" />
          </>
        ) : null}
        <details data-advanced>
          <summary className="muted">Placement and overlap</summary>
          <FieldInput path="parallel.rankOrder" />
          <FieldInput path="parallel.overlap.dpGrad" />
          <FieldInput path="parallel.overlap.tpComm" />
          {isMoe ? <FieldInput path="parallel.overlap.epComm" /> : null}
          {isMoe ? <FieldInput path="parallel.epNodeDedup" /> : null}
          {isMoe ? <FieldInput path="parallel.epFp8Dispatch" /> : null}
          {isMoe ? <FieldInput path="parallel.routing.distribution" /> : null}
          {isMoe ? <FieldInput path="parallel.routing.seed" /> : null}
        </details>
      </details>

      <details className={css.section} open>
        <summary>Workload</summary>
        <FieldInput path="workload.mode" />
        {!training ? <FieldInput path="workload.phase" /> : null}
        <FieldInput path="workload.globalBatch" />
        <FieldInput path="workload.seqLen" />
        <SeqRange />
        {!training ? <FieldInput path="workload.decodeTokens" /> : null}
        <FieldInput path="workload.precision" />
        {!training ? (
          <>
            <FieldInput path="workload.weightPrecision" onValue="fp8" />
            {isMoe ? <FieldInput path="workload.expertWeightPrecision" onValue="fp4" /> : null}
            <FieldInput path="workload.kvCachePrecision" onValue="fp8" />
            {isMoe ? <FieldInput path="workload.denseExperts" /> : null}
          </>
        ) : null}
        {training ? (
          <>
            <FieldInput path="workload.zeroStage" />
            <FieldInput path="workload.recompute" />
            <FieldInput path="workload.optimizer" />
            <FieldInput path="workload.fp32MainGrads" />
            <FieldInput path="workload.dropout" />
            <FieldInput path="workload.recomputeNormsAndUpProjections" />
            <FieldInput path="workload.routingWeightInExpert" />
            <FieldInput path="workload.bf16OptimizerMoments" />
          </>
        ) : null}
        <FieldInput path="workload.sequenceParallel" />
        <FieldInput path="workload.flashAttention" />
        {fp8 ? <FieldInput path="workload.fp8Attention" /> : null}
        {fp8 && training ? <FieldInput path="workload.fp8ActivationCache" /> : null}
        <FieldInput path="workload.framework" optionLabels={FRAMEWORK_LABELS} />
        <FieldInput path="workload.cudaGraphs" />
      </details>

      <details className={css.section} data-advanced>
        <summary>Hardware</summary>
        <FieldInput path="hardware.count" />
        <FieldInput path="hardware.gpusPerNode" />
        <FieldInput path="hardware.peakTflops" />
        <RangeField
          path="hardware.computeEfficiency"
          min={0.05}
          max={1}
          step={0.01}
          format={(v) => `${Math.round(v * 100)}%`}
        />
        <FieldInput path="hardware.memoryGB" />
        <FieldInput path="hardware.memoryBandwidthTBps" />
        <FieldInput path="hardware.memoryBandwidthEfficiency" />
        <FieldInput path="hardware.intraNodeGBps" />
        <FieldInput path="hardware.interNodeGBps" />
        <FieldInput path="hardware.linkLatencyUs" />
        <FieldInput path="hardware.runtimeReserveGB" />
      </details>

      <details className={css.section} data-advanced>
        <summary>Model</summary>
        <FieldInput path="model.layers" />
        <FieldInput path="model.hidden" />
        <FieldInput path="model.heads" />
        <FieldInput path="model.kvHeads" />
        <FieldInput path="model.headDim" />
        <FieldInput path="model.ffnHidden" />
        <FieldInput path="model.gatedFfn" />
        <FieldInput path="model.vocab" />
        <FieldInput path="model.tiedEmbeddings" />
        {isMoe ? (
          <>
            <FieldInput path="model.moe.experts" />
            <FieldInput path="model.moe.topK" />
            <FieldInput path="model.moe.expertHidden" />
            <FieldInput path="model.moe.sharedExperts" />
            <FieldInput path="model.moe.sharedExpertHidden" />
            <FieldInput path="model.moe.denseLayers" />
            <FieldInput path="model.moe.layerFrequency" />
          </>
        ) : null}
        {hasMla ? (
          <>
            <FieldInput path="model.mla.qLoraRank" />
            <FieldInput path="model.mla.kvLoraRank" />
            <FieldInput path="model.mla.qkNopeHeadDim" />
            <FieldInput path="model.mla.qkRopeHeadDim" />
            <FieldInput path="model.mla.vHeadDim" />
          </>
        ) : null}
        <FieldInput path="model.statedParams" onValue={30e9} />
        <ModelImport />
      </details>

      <details className={css.section} open>
        <summary>Targets</summary>
        <TargetButtons />
        {TARGET_IDS.map((t) => (
          <FieldInput key={t} path={`targets.${t}`} onValue={TARGETS[t].defaultLimit} nullLabel="Use" />
        ))}
      </details>
    </div>
  );
}

function Presets() {
  const modelPreset = useExplorer((s) => shownScenario(s).model.preset);
  const modelName = useExplorer((s) => shownScenario(s).model.name);
  const gpu = useExplorer((s) => shownScenario(s).hardware.gpu);
  const applyPreset = useExplorer((s) => s.applyPreset);
  const setModelPreset = useExplorer((s) => s.setModelPreset);
  const setGpuPreset = useExplorer((s) => s.setGpuPreset);
  const loaded = useExplorer((s) => loadedPreset(s.doc));
  const ids = { scenario: useId(), model: useId(), gpu: useId() };
  return (
    <div className={css.presetRow}>
      <label htmlFor={ids.scenario}>Scenario preset</label>
      <select
        id={ids.scenario}
        data-testid="preset-scenario"
        value={loaded?.id ?? ''}
        onChange={(e) => e.currentTarget.value && applyPreset(e.currentTarget.value)}
      >
        <option value="">{loaded ? 'Open a preset…' : 'Your scenario — open a preset…'}</option>
        {SCENARIO_PRESETS.map((p) => (
          <option key={p.id} value={p.id} title={p.description}>
            {p.title}
          </option>
        ))}
      </select>
      <label htmlFor={ids.model}>Model</label>
      <select
        id={ids.model}
        data-testid="preset-model"
        value={modelPreset ?? ''}
        onChange={(e) => setModelPreset(e.currentTarget.value || null)}
      >
        <option value="">{modelPreset ? 'Seed model (default)' : `${modelName} (custom)`}</option>
        {MODEL_PRESETS.map((m) => (
          <option key={m.id} value={m.id}>
            {m.spec.name}
          </option>
        ))}
      </select>
      <label htmlFor={ids.gpu}>GPU</label>
      <select id={ids.gpu} data-testid="preset-gpu" value={gpu} onChange={(e) => setGpuPreset(e.currentTarget.value)}>
        {GPU_PRESETS.map((g) => (
          <option key={g.id} value={g.id}>
            {g.name}
          </option>
        ))}
      </select>
    </div>
  );
}

function SeqRange() {
  const range = useExplorer((s) => shownScenario(s).workload.seqLenRange);
  const setField = useExplorer((s) => s.setField);
  const id = useId();
  return (
    <div className={css.field}>
      <div className={css.checkRow}>
        <input
          id={id}
          type="checkbox"
          checked={range !== null}
          onChange={(e) => setField('workload.seqLenRange', e.currentTarget.checked ? { min: 128, max: 10240 } : null)}
        />
        <label htmlFor={id}>Report across a sequence-length range</label>
      </div>
      {range ? (
        <>
          <FieldInput path="workload.seqLenRange.min" />
          <FieldInput path="workload.seqLenRange.max" />
        </>
      ) : null}
    </div>
  );
}

function ModelImport() {
  const store = useExplorerStore();
  return (
    <HfConfigImport
      onApply={(model) => {
        // An imported model is a new scenario: the seed's targets do not apply to it.
        const s = store.getState();
        s.replaceDoc(withNewModelTargets({ ...s.doc, model: model as Record<string, unknown> }));
      }}
    />
  );
}
